using Styra.Features.Audit;
using Styra.Features.Plans;

namespace Styra.Features.Organisation;

public sealed class Region : IAudited
{
    int? IAudited.AuditRegionId => Id == 0 ? null : Id;

    private Region() { }

    public Region(RegionCode code, string name)
    {
        Code = code;
        Rename(name);
    }

    public int Id { get; private set; }
    public RegionCode Code { get; private set; } = null!;
    public string Name { get; private set; } = "";

    /// <summary>Where the region's plans come from (documents, decisions), as its plan file states it.</summary>
    public string? Source { get; private set; }

    public List<Unit> Units { get; private set; } = [];
    public List<UnitGroup> Groups { get; private set; } = [];
    public List<LevelDefinition> Levels { get; private set; } = [];
    public List<Plan> Plans { get; private set; } = [];

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void DescribeSource(string? source) => Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
}
