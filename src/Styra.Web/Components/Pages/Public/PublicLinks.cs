using Styra.Features.Plans;

namespace Styra.Web.Components.Pages.Public;

/// <summary>The public pages' addresses, in one place.</summary>
public static class PublicLinks
{
    public static string Region(string code) => $"/public/{code}";
    public static string Plan(string code, string planKey) => $"/public/{code}/plans/{Uri.EscapeDataString(planKey)}";
    public static string Goal(string code, string planKey, string nodeKey) => $"{Plan(code, planKey)}/goals/{Uri.EscapeDataString(nodeKey)}";
    public static string Indicator(string code, string indicator) => $"/public/{code}/indicators/{Uri.EscapeDataString(indicator)}";
    public static string EconomyYear(string code, int year) => $"/public/{code}/economy/{year}";

    /// <summary>The path from a root of the tree to the node with <paramref name="key"/> (empty when it is not there).</summary>
    public static IReadOnlyList<NodeItem> PathTo(IReadOnlyList<NodeItem> nodes, string key)
    {
        foreach (var node in nodes)
        {
            if (node.Id == key) return [node];
            var below = PathTo(node.Children, key);
            if (below.Count > 0) return [node, .. below];
        }
        return [];
    }

    public static IEnumerable<NodeItem> All(IEnumerable<NodeItem> nodes) => nodes.SelectMany(n => All(n.Children).Prepend(n));
}
