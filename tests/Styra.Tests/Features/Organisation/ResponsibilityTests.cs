using Microsoft.EntityFrameworkCore;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Features.Plans.PlanFiles;
using Styra.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Styra.Tests.Features.Organisation;

public sealed class ResponsibilityTests
{
    private static readonly PlanStructure Flat = new([new LevelRule("goal", [])]);

    [Fact]
    public void ResolveUnits_ExpandsGroupsToTheirMembers_AndKeepsDirectUnits()
    {
        var region = new Region(new RegionCode("13"), "Region Halland");
        var rs = new Unit(region, "RS", "Regionstyrelsen", UnitKind.Board);
        var dnkt = new Unit(region, "DNKT", "Driftnämnd Kollektivtrafik", UnitKind.Committee) { SortOrder = 1 };
        var dnks = new Unit(region, "DNKS", "Driftnämnd Kultur och skola", UnitKind.Committee) { SortOrder = 2 };
        var operating = new UnitGroup(region, "driftnamnder", "Samtliga driftnämnder");
        operating.SetMembers([dnkt, dnks]);
        var node = NewGoal(region);
        node.AssignTo(rs);
        node.AssignTo(operating);

        var codes = Responsibility.ResolveUnits(node.Responsibilities).Select(u => u.Code);

        Assert.Equal(["RS", "DNKT", "DNKS"], codes);
    }

    [Fact]
    public void ResolveUnits_ReportsAUnitOnce_WhenAssignedDirectlyAndThroughAGroup()
    {
        var region = new Region(new RegionCode("13"), "Region Halland");
        var dnkt = new Unit(region, "DNKT", "Driftnämnd Kollektivtrafik", UnitKind.Committee);
        var group = new UnitGroup(region, "driftnamnder", "Samtliga driftnämnder");
        group.SetMembers([dnkt]);
        var node = NewGoal(region);
        node.AssignTo(dnkt);
        node.AssignTo(group);

        Assert.Single(Responsibility.ResolveUnits(node.Responsibilities));
    }

    [Fact]
    public void ResolveUnits_FollowsTheGroup_WhenAMemberIsAddedLater()
    {
        var region = new Region(new RegionCode("13"), "Region Halland");
        var dnkt = new Unit(region, "DNKT", "Driftnämnd Kollektivtrafik", UnitKind.Committee);
        var group = new UnitGroup(region, "driftnamnder", "Samtliga driftnämnder");
        group.SetMembers([dnkt]);
        var node = NewGoal(region);
        node.AssignTo(group);

        var added = new Unit(region, "DNNY", "Driftnämnd Ny", UnitKind.Committee);
        group.SetMembers([dnkt, added]);

        Assert.Contains("DNNY", Responsibility.ResolveUnits(node.Responsibilities).Select(u => u.Code));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UnitGoals_IncludeGoalsOfAGroup_TheUnitJoinedAfterTheGoalsWereSet(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var code = new RegionCode("13");
        await db.WithContextAsync(async ctx =>
        {
            var region = await ctx.Regions.Include(r => r.Units).Include(r => r.Groups).ThenInclude(g => g.Members).ThenInclude(m => m.Unit)
                .SingleAsync(r => r.Code == code);
            var newcomer = new Unit(region, "DNNY", "Driftnämnd Nytt område", UnitKind.Committee);
            region.Units.Add(newcomer);
            var group = region.Groups.Single(g => g.Code == "driftnamnder");
            group.SetMembers(group.Members.Select(m => m.Unit).Append(newcomer).ToList());
            return await ctx.SaveChangesAsync();
        });

        var goals = await db.WithContextAsync(ctx => OrganisationQueries.UnitGoalsAsync(ctx, code, "DNNY"));

        Assert.NotNull(goals);
        Assert.Contains(goals.Goals, g => g.Title == "Smartare och enklare digital vardag" && g.Via == "Samtliga driftnämnder");
        Assert.DoesNotContain(goals.Goals, g => g.Title == "Bidra till en mer robust kultursektor");
    }

    private static GoalNode NewGoal(Region region)
    {
        var plan = new Plan(region, "p", "Plan", PlanKind.GoalsAndBudget, 2024, 2028);
        var version = plan.AddVersion("2024", Decision.None, Flat, DateTimeOffset.UnixEpoch);
        return version.AddNode("g", "goal", "Mål", null, null);
    }
}
