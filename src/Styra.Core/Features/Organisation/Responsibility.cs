using Styra.Features.Plans;

namespace Styra.Features.Organisation;

public static class Responsibility
{
    /// <summary>
    /// The units responsible for a node, with groups resolved to their current members (a group assignment
    /// follows the group: a committee added to "samtliga driftnämnder" becomes responsible for its goals).
    /// Requires the groups' members to be loaded.
    /// </summary>
    public static IReadOnlyList<Unit> ResolveUnits(IEnumerable<NodeResponsibility> responsibilities) =>
        responsibilities
            .SelectMany(r => r.Unit is not null ? [r.Unit] : r.Group!.Members.Select(m => m.Unit))
            .DistinctBy(u => u.Code)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
}
