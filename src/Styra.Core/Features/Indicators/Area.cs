namespace Styra.Features.Indicators;

/// <summary>Kolada's kinds of area: the country (Riket), a region (landsting, "L") or a municipality ("K").</summary>
public enum AreaKind { Country, Region, Municipality }

/// <summary>
/// A geographical area values are measured for, identified as in Kolada: "0000" is Riket (the national level used as
/// the national average), "0001".."0025" the regions ("0013" Region Halland), four digits for municipalities.
/// </summary>
public sealed class Area
{
    public const string RiketId = "0000";

    private Area() { }

    public Area(string id, string name, AreaKind kind)
    {
        if (id is not { Length: 4 } || !id.All(char.IsAsciiDigit))
            throw new ArgumentException($"An area id is four digits, as in Kolada (\"0013\"); got \"{id}\".", nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name.Trim();
        Kind = kind;
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AreaKind Kind { get; private set; }
}
