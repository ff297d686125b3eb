using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>The principle checks run on a care-offer register. Which apply, and their thresholds, are the region's settings.</summary>
public enum CareOfferCheck
{
    /// <summary>A specialised outpatient clinic with fewer specialist physicians than <c>Threshold</c> (Skåne: 3) is not robust.</summary>
    Robustness,
    /// <summary>A unit with fewer patients a year than its specialty's threshold (<see cref="SpecialtyVolumeThreshold"/>,
    /// else <c>Threshold</c> when set) threatens the team's competence.</summary>
    SmallVolume,
    /// <summary>Frequent-need care offered only at regional or national level (no primary or local unit of the specialty).</summary>
    Proximity,
    /// <summary>Rare-need care spread over at least <c>Threshold</c> units that each have fewer than <c>SecondThreshold</c> patients a year.</summary>
    Concentration,
    /// <summary>A municipality of the region without a primary-care unit in the register.</summary>
    PrimaryCareHub,
    /// <summary>A unit essential for crisis and war without a continuity plan reference.</summary>
    Preparedness,
}

/// <summary>
/// A region's setting of one check: whether it runs, its thresholds, and the principle a finding cites — its title,
/// the text quoted, and where it stands in the region's plans (a plan key and node key, e.g. Skåne's strategy node
/// "princip-robusthet"), so the finding can link to it.
/// </summary>
public sealed class CareOfferCheckSetting : IAudited
{
    private CareOfferCheckSetting() { }

    public CareOfferCheckSetting(Region region, CareOfferCheck check, bool enabled, decimal? threshold, decimal? secondThreshold,
        string principleTitle, string principleText, string? planKey, string? nodeKey)
    {
        Region = region;
        RegionId = region.Id;
        Check = check;
        Enabled = enabled;
        Threshold = threshold;
        SecondThreshold = secondThreshold;
        PrincipleTitle = principleTitle;
        PrincipleText = principleText;
        PlanKey = planKey;
        NodeKey = nodeKey;
        Version = 1;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public CareOfferCheck Check { get; private set; }
    public bool Enabled { get; internal set; }
    public decimal? Threshold { get; internal set; }
    public decimal? SecondThreshold { get; internal set; }
    public string PrincipleTitle { get; internal set; } = "";
    public string PrincipleText { get; internal set; } = "";
    public string? PlanKey { get; internal set; }
    public string? NodeKey { get; internal set; }
    public int Version { get; internal set; }

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The smallest yearly patient volume the region deems enough for a specialty's team to keep its competence.</summary>
public sealed class SpecialtyVolumeThreshold : IAudited
{
    private SpecialtyVolumeThreshold() { }

    public SpecialtyVolumeThreshold(Region region, string specialty, int minPatientsPerYear)
    {
        Region = region;
        RegionId = region.Id;
        Specialty = specialty.Trim();
        MinPatientsPerYear = minPatientsPerYear;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public string Specialty { get; private set; } = "";
    public int MinPatientsPerYear { get; internal set; }

    int? IAudited.AuditRegionId => RegionId;
}
