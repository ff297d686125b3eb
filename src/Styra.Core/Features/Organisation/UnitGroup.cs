using Styra.Features.Audit;
namespace Styra.Features.Organisation;

/// <summary>
/// A named group of units, such as "samtliga driftnämnder" (all operating committees). Goals are assigned to the
/// group itself, so a committee added to the group later is responsible for every goal the group has.
/// </summary>
public sealed class UnitGroup : IAudited
{
    int? IAudited.AuditRegionId => RegionId == 0 ? Region?.Id : RegionId;

    private UnitGroup() { }

    public UnitGroup(Region region, string code, string name)
    {
        Region = region;
        Code = code;
        Rename(name);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<UnitGroupMember> Members { get; private set; } = [];

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void SetMembers(IEnumerable<Unit> units)
    {
        var wanted = units.DistinctBy(u => u.Code).ToList();
        Members.RemoveAll(m => wanted.All(u => u.Code != m.Unit.Code));
        foreach (var unit in wanted.Where(u => Members.All(m => m.Unit.Code != u.Code)))
            Members.Add(new UnitGroupMember(this, unit));
    }
}

public sealed class UnitGroupMember : IAudited
{
    int? IAudited.AuditRegionId => Group?.RegionId is > 0 ? Group.RegionId : Group?.Region?.Id;

    private UnitGroupMember() { }

    public UnitGroupMember(UnitGroup group, Unit unit)
    {
        Group = group;
        Unit = unit;
    }

    public int GroupId { get; private set; }
    public UnitGroup Group { get; private set; } = null!;
    public int UnitId { get; private set; }
    public Unit Unit { get; private set; } = null!;
}
