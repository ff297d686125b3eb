using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Plans.PlanFiles;

/// <summary>The demo regions as transcribed from the seeds (Mål och budget 2024–2028, the 2017–2025 strategy, Skåne's strategy).</summary>
public sealed class DemoDataTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Halland_MalOchBudget_HasSevenFocusAreasAndTwentyOneGoals_WithTheirCommittees(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var plan = await PlanAsync(db, "13", "mal-och-budget-2024-2028");

        var vision = Assert.Single(plan.Nodes);
        Assert.Equal(("Vision", "Halland – Bästa livsplatsen"), (vision.Level, vision.Title));
        Assert.Equal([
            "Accelerera digital transformation",
            "Attraktiva och hållbara livsmiljöer",
            "Förnyelseförmåga och konkurrenskraft",
            "Utbildning, kompetens och jämlik hälsa",
            "En robust kultursektor",
            "Nära och sammanhållen vård",
            "Styrning utifrån kunskap och kvalitet inom hälso- och sjukvård",
        ], vision.Children.Select(f => f.Title));
        Assert.All(vision.Children, f => Assert.Equal("Fokusområde", f.Level));
        var goals = vision.Children.SelectMany(f => f.Children).ToList();
        Assert.Equal(21, goals.Count);
        Assert.All(goals, g => Assert.Equal("Mål", g.Level));

        var smartare = goals.Single(g => g.Title == "Smartare och enklare digital vardag");
        Assert.Equal(["RS", "driftnamnder"], smartare.AssignedTo.Select(a => a.Code));
        Assert.Equal(new[] { "RS", "DNKT", "DNHS", "DNADH", "DNPSH", "DNNSVH", "DNKS", "DNRGS" }.Order(), smartare.Responsible.Order());
        var boende = goals.Single(g => g.Title == "Bidra till god tillgång till boende kollektivtrafik, kultur och service");
        Assert.Equal(["RS", "DNKT", "DNKS"], boende.AssignedTo.Select(a => a.Code));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Halland_Strategy_HasTheOverallGoalAndFiveSubGoals_ThatMalOchBudgetGoalsContributeTo(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var plan = await PlanAsync(db, "13", "halso-och-sjukvardsstrategi-2017-2025");

        var overall = Assert.Single(plan.Nodes);
        Assert.Equal(("Övergripande mål", "En hälso- och sjukvård för bättre hälsa"), (overall.Level, overall.Title));
        Assert.Equal(5, overall.Children.Count);
        Assert.Contains(overall.Children, d => d.Title == "har en tydlig prioritering av hur kompetens och resurser används");
        Assert.Contains(overall.Children.SelectMany(d => d.ContributedBy).Concat(overall.ContributedBy),
            l => l.PlanTitle == "Mål och budget 2024–2028");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Skane_Strategy_HasGroupsInsatsomradenViljeriktningarFokusforflyttningarAndPrinciples(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var plan = await PlanAsync(db, "12", "strategi-framtidens-halsosystem");

        var overall = plan.Nodes.Single(n => n.LevelKey == "overall-goal");
        Assert.Equal("Bättre hälsa för fler", overall.Title);
        var groups = overall.Children.Where(n => n.Level == "Grupp").ToList();
        Assert.Equal(["Processer och arbetssätt", "Organisation och styrning", "Möjliggörare"], groups.Select(g => g.Title));
        var areas = groups.SelectMany(g => g.Children).ToList();
        Assert.Equal(7, areas.Count);
        Assert.All(areas, a => Assert.Equal("Insatsområde", a.Level));
        Assert.Equal(18, areas.SelectMany(a => a.Children).Count(d => d.Level == "Viljeriktning"));
        Assert.Equal(5, overall.Children.Count(n => n.Level == "Fokusförflyttning"));
        Assert.Contains(plan.Nodes, n => n.Level == "Princip" && n.Title == "Robusthet"
            && n.Description!.Contains("minst tre specialistläkare på en specialiserad öppenvårdsmottagning"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Halland_Organisation_HasTheCommitteesOfTheGoalTables_AndTheOperatingCommitteesGroup(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var organisation = await db.WithContextAsync(ctx => OrganisationQueries.OrganisationAsync(ctx, new RegionCode("13")));

        var codes = organisation!.Units.Select(u => u.Code).ToList();
        Assert.Superset(new HashSet<string> { "RF", "RS", "DNKT", "DNKS", "DNHS", "DNADH", "DNNSVH", "DNPSH", "DNRGS" }, codes.ToHashSet());
        Assert.Contains(organisation.Units, u => u.Name == "Patientnämnd");
        var group = Assert.Single(organisation.Groups);
        Assert.Equal(7, group.Members.Count);
        Assert.Equal(UnitKind.Council, organisation.Units.Single(u => u.Code == "RF").Kind);
        Assert.Equal("RF", organisation.Units.Single(u => u.Code == "RS").Parent);
    }

    private static async Task<PlanView> PlanAsync(TestDatabase db, string region, string key) =>
        (await db.WithContextAsync(async ctx =>
        {
            var id = await ctx.Plans.Where(p => p.Region.Code == new RegionCode(region) && p.Key == key).Select(p => p.Id).SingleAsync();
            return await PlanQueries.PlanAsync(ctx, id);
        }))!;
}
