using Styra.Features.Organisation;

namespace Styra.Features.Plans;

/// <summary>
/// A level name of a region's goal trees, e.g. "Fokusområde" in Halland or "Viljeriktning" in Skåne.
/// Each region defines its own; a plan's structure says which level may stand under which.
/// </summary>
public sealed class LevelDefinition
{
    private LevelDefinition() { }

    public LevelDefinition(Region region, string key, string name, string? nameEn)
    {
        Region = region;
        Key = key;
        Rename(name, nameEn);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public int SortOrder { get; set; }

    /// <summary>Sets the Swedish and English names; without an English name, the Swedish one serves both.</summary>
    public void Rename(string name, string? nameEn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? Name : nameEn.Trim();
    }
}
