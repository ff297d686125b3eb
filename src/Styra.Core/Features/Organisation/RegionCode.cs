using System.Diagnostics.CodeAnalysis;

namespace Styra.Features.Organisation;

/// <summary>
/// A Swedish region's two-digit county code (länskod), e.g. "13" for Halland and "12" for Skåne.
/// Kolada identifies the same region with four digits ("0013"); Riket, the national level, is "0000" there.
/// </summary>
public sealed record RegionCode
{
    public string Value { get; }

    public RegionCode(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException($"A region code is two digits, such as \"13\"; got \"{value}\".", nameof(value));
        Value = value;
    }

    public string KoladaId => "00" + Value;

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 2 } && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]);

    public static bool TryParse(string? value, [NotNullWhen(true)] out RegionCode? code)
    {
        code = IsValid(value) ? new RegionCode(value) : null;
        return code is not null;
    }

    public override string ToString() => Value;
}
