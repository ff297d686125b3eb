using Styra.Features.Plans;

namespace Styra.Tests.Features.Plans;

public sealed class PlanDiffTests
{
    private static NodeSnapshot Node(string key, string title, string? parent = null, string[]? responsible = null) =>
        new(key, parent, "goal", title, null, responsible ?? [], [], []);

    [Fact]
    public void Compare_FindsAddedRemovedAndChangedNodes_ByKey()
    {
        var before = new[] { Node("a", "Mål A"), Node("b", "Mål B"), Node("c", "Mål C", responsible: ["RS"]) };
        var after = new[] { Node("a", "Mål A"), Node("c", "Mål C", responsible: ["RS", "DNKT"]), Node("d", "Mål D") };

        var diff = PlanDiff.Compare(before, after);

        Assert.Equal(["d"], diff.Added.Select(c => c.Key));
        Assert.Equal(["b"], diff.Removed.Select(c => c.Key));
        var changed = Assert.Single(diff.Changed);
        Assert.Equal("c", changed.Key);
        var field = Assert.Single(changed.Fields);
        Assert.Equal(("responsible", "RS", "RS, DNKT"), (field.Field, field.Before, field.After));
    }

    [Fact]
    public void Compare_ReportsATitleChangeAndAMove()
    {
        var diff = PlanDiff.Compare([Node("a", "Gammal titel", parent: "x")], [Node("a", "Ny titel", parent: "y")]);
        var fields = Assert.Single(diff.Changed).Fields.Select(f => f.Field);
        Assert.Equal(["title", "parent"], fields);
    }

    [Fact]
    public void Compare_OfIdenticalTrees_IsEmpty() =>
        Assert.True(PlanDiff.Compare([Node("a", "A")], [Node("a", "A")]).IsEmpty);
}
