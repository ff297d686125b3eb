using Styra.Features.Audit;
namespace Styra.Features.Organisation;

/// <summary>What kind of body a unit is in the region's organisation.</summary>
public enum UnitKind
{
    /// <summary>Regionfullmäktige, the elected regional council.</summary>
    Council,
    /// <summary>Regionstyrelsen, the regional board.</summary>
    Board,
    /// <summary>Nämnd: a committee (e.g. a driftnämnd, an operating committee).</summary>
    Committee,
    /// <summary>Förvaltning: the administration that serves a committee.</summary>
    Administration,
    /// <summary>Enhet: a unit within an administration (clinic, department).</summary>
    Unit,
    /// <summary>A company owned by the region.</summary>
    Company,
    Other,
}

/// <summary>A body of the region's organisation: council, board, committee, administration or unit.</summary>
public sealed class Unit : IAudited
{
    int? IAudited.AuditRegionId => RegionId == 0 ? Region?.Id : RegionId;

    private Unit() { }

    public Unit(Region region, string code, string name, UnitKind kind)
    {
        Region = region;
        Code = code;
        Update(name, kind);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;

    /// <summary>The short code the region uses for the unit, e.g. "RS" or "DNKT"; unique within the region.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public UnitKind Kind { get; private set; }
    public int SortOrder { get; set; }

    public int? ParentId { get; private set; }
    public Unit? Parent { get; private set; }

    public void Update(string name, UnitKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Kind = kind;
    }

    /// <summary>Moves the unit under another; refuses a parent that would make the tree a cycle.</summary>
    public void MoveUnder(Unit? parent)
    {
        for (var p = parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p, this))
                throw new InvalidOperationException($"Unit {Code} cannot be placed under {parent!.Code}: that would make a cycle.");
        }
        Parent = parent;
    }
}
