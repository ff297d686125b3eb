using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>How a proposal changes the care offer.</summary>
public enum ProposalChangeKind
{
    /// <summary>Koncentrera: the units in <see cref="ProposalChange.SourceUnitKeys"/> merge into <see cref="ProposalChange.UnitKey"/>
    /// (their physicians, staff, patients and visits move there; they close).</summary>
    Concentrate,
    /// <summary>Flytta: the unit moves to another municipality and/or care level.</summary>
    Move,
    /// <summary>Öppna: a new unit, described by <see cref="ProposalChange.NewUnitJson"/>.</summary>
    Open,
    /// <summary>Stänga: the unit closes.</summary>
    Close,
}

/// <summary>
/// A proposed change to a year's care offer (förslag till förändring av vårdutbud): a list of changes applied to that
/// year's register, compared by the principle checks before and after — a decision basis.
/// </summary>
public sealed class CareOfferProposal : IAudited
{
    private CareOfferProposal() { }

    public CareOfferProposal(Region region, int year, string title, string createdBy, DateTimeOffset createdAt)
    {
        Region = region;
        RegionId = region.Id;
        Year = year;
        Title = title;
        CreatedBy = createdBy;
        // PostgreSQL keeps timestamps with time zone in UTC only.
        CreatedAt = createdAt.ToUniversalTime();
        UpdatedAt = CreatedAt;
        Version = 1;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;

    /// <summary>The year of the register the proposal changes.</summary>
    public int Year { get; private set; }
    public string Title { get; internal set; } = "";
    /// <summary>Background and motive (Markdown).</summary>
    public string Description { get; internal set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; internal set; }
    public int Version { get; internal set; }

    public List<ProposalChange> Changes { get; private set; } = [];

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>One change of a proposal, in order.</summary>
public sealed class ProposalChange : IAudited
{
    private ProposalChange() { }

    public ProposalChange(CareOfferProposal proposal, int sortOrder, ProposalChangeKind kind, string unitKey)
    {
        Proposal = proposal;
        SortOrder = sortOrder;
        Kind = kind;
        UnitKey = unitKey;
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public CareOfferProposal Proposal { get; private set; } = null!;
    public int SortOrder { get; internal set; }
    public ProposalChangeKind Kind { get; internal set; }

    /// <summary>The unit changed: closed, moved, opened, or the one others are concentrated into.</summary>
    public string UnitKey { get; internal set; } = "";

    /// <summary>Concentrate: the units merged into <see cref="UnitKey"/> (comma-separated in the database).</summary>
    public List<string> SourceUnitKeys { get; internal set; } = [];

    /// <summary>Move: the new municipality (Kolada area id), when it changes.</summary>
    public string? NewMunicipalityId { get; internal set; }
    /// <summary>Move: the new care level, when it changes.</summary>
    public CareLevel? NewLevel { get; internal set; }

    /// <summary>Open: the new unit's <see cref="CareUnitData"/> as JSON.</summary>
    public string? NewUnitJson { get; internal set; }

    int? IAudited.AuditRegionId => Proposal?.RegionId is > 0 ? Proposal.RegionId : Proposal?.Region?.Id;
}
