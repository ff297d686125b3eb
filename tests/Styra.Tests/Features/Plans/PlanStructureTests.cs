using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Tests.Features.Plans;

public sealed class PlanStructureTests
{
    // Halland's Mål och budget: Vision → Fokusområde → Mål.
    private static readonly PlanStructure Halland = new([
        new LevelRule("vision", []),
        new LevelRule("focus-area", ["vision"]),
        new LevelRule("goal", ["focus-area"]),
    ]);

    // Skåne: Fokusförflyttning stands beside Grupp under the overall goal; principles are roots.
    private static readonly PlanStructure Skane = new([
        new LevelRule("overall-goal", []),
        new LevelRule("group", ["overall-goal"]),
        new LevelRule("focus-shift", ["overall-goal"]),
        new LevelRule("principle", []),
    ]);

    [Fact]
    public void Allows_ALevelOnlyUnderItsParentLevels()
    {
        Assert.True(Halland.Allows("goal", "focus-area"));
        Assert.False(Halland.Allows("goal", "vision"));
        Assert.False(Halland.Allows("focus-area", null));
        Assert.True(Halland.Allows("vision", null));
    }

    [Fact]
    public void Allows_SeveralLevelsUnderOneParent_AndSeveralRoots()
    {
        Assert.True(Skane.Allows("focus-shift", "overall-goal"));
        Assert.True(Skane.Allows("group", "overall-goal"));
        Assert.True(Skane.Allows("principle", null));
        Assert.False(Skane.Allows("principle", "overall-goal"));
    }

    [Fact]
    public void AddNode_RefusesALevelThePlanDoesNotAllowThere()
    {
        var version = NewVersion();
        var vision = version.AddNode("vision", "vision", "Halland – Bästa livsplatsen", null, null);

        var error = Assert.Throws<InvalidOperationException>(() => version.AddNode("g", "goal", "Mål", null, vision));
        Assert.Contains("'goal'", error.Message);
        Assert.Contains("'focus-area'", error.Message);
    }

    [Fact]
    public void AddNode_RefusesADuplicateKey()
    {
        var version = NewVersion();
        version.AddNode("vision", "vision", "Vision", null, null);
        Assert.Throws<InvalidOperationException>(() => version.AddNode("vision", "vision", "Vision igen", null, null));
    }

    [Fact]
    public void AddVersion_NumbersVersionsUpwards()
    {
        var plan = new Plan(new Region(new RegionCode("13"), "Region Halland"), "mob", "Mål och budget", PlanKind.GoalsAndBudget, 2024, 2028);
        plan.AddVersion("2024", Decision.None, Halland, DateTimeOffset.UnixEpoch);
        var second = plan.AddVersion("2025", Decision.None, Halland, DateTimeOffset.UnixEpoch);
        Assert.Equal(2, second.Number);
        Assert.Same(second, plan.CurrentVersion);
    }

    [Fact]
    public void Plan_CannotEndBeforeItStarts() =>
        Assert.Throws<ArgumentException>(() => new Plan(new Region(new RegionCode("13"), "Region Halland"), "p", "P", PlanKind.Strategy, 2025, 2024));

    private static PlanVersion NewVersion()
    {
        var plan = new Plan(new Region(new RegionCode("13"), "Region Halland"), "mob", "Mål och budget", PlanKind.GoalsAndBudget, 2024, 2028);
        return plan.AddVersion("2024", Decision.None, Halland, DateTimeOffset.UnixEpoch);
    }
}
