using System.Globalization;

namespace Styra.Features.Organisation;

/// <summary>
/// Names and titles are ordered as a Swedish reader expects (… X, Y, Z, Å, Ä, Ö), the same in every UI language and
/// on every database: ordering is done in memory, not by the database's collation.
/// </summary>
public static class SwedishOrder
{
    public static readonly StringComparer Comparer = StringComparer.Create(new CultureInfo("sv-SE"), ignoreCase: false);
}
