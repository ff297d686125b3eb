using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Economy;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

public sealed class EconomyFormsHost() : StyraHost("Sqlite");

/// <summary>The planners' economy forms without JavaScript: the import page, entering items, the tax rate and fees, the judgement.</summary>
public sealed class EconomyFormsPageTests(EconomyFormsHost host) : IClassFixture<EconomyFormsHost>
{
    private const string Import = "/regions/13/economy/import";

    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        return client;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<Dictionary<(int, FigureKind, EconomyItemKind), decimal>> ItemsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StyraDbContext>().EconomyItems.AsNoTracking()
            .ToDictionaryAsync(i => (i.Year, i.Kind, i.Item), i => i.Amount);
    }

    [Fact]
    public async Task TheImportPage_ListsABadFilesRowAndColumn_AndKeepsThePreviousData_ThenChecksAndImportsAGoodOne()
    {
        var planner = await AsAsync("planerare@halland.demo");
        var before = await ItemsAsync();
        var bad = await Forms.PostFilesAsync(planner, Import, "economy-import",
            [("ekonomi.csv", Utf8("år;typ;post;belopp\n2024;budget;arets-resultat;-500\n2024;budget;skatteintakter;tio\n"))], ("action", "import"));
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Inget importerades – 1 fel. Databasen är som den var.", html);
        Assert.Contains("ekonomi.csv</span>, <span lang=\"en\">row 3, column 4 (belopp)</span>", html);
        Assert.Equal(before, await ItemsAsync()); // 2024's budget result is still the seed's −641, not −500

        var check = WebUtility.HtmlDecode(await (await Forms.PostFilesAsync(planner, Import, "economy-import",
            [("ok.csv", Utf8("år;typ;post;belopp\n2019;utfall;skatteintakter;8000\n"))], ("action", "check"))).Content.ReadAsStringAsync());
        Assert.Contains("Kontrollen gick igenom – inget sparades.", check);
        Assert.Equal(before, await ItemsAsync());

        var done = WebUtility.HtmlDecode(await (await Forms.PostFilesAsync(planner, Import, "economy-import",
            [("ok.csv", Utf8("år;typ;post;belopp\n2019;utfall;skatteintakter;8000\n"))], ("action", "import"))).Content.ReadAsStringAsync());
        Assert.Contains("Importen är klar.", done);
        Assert.Equal(8000m, (await ItemsAsync())[(2019, FigureKind.Outcome, EconomyItemKind.TaxRevenue)]);
    }

    [Fact]
    public async Task TheItemForm_SavesAllOrNothing_AndNamesTheWrongItem()
    {
        var planner = await AsAsync("planerare@halland.demo");
        var page = "/regions/13/economy/2027/items?kind=budget";
        var kinds = Enum.GetValues<EconomyItemKind>();
        (string, string)[] Fields(Func<EconomyItemKind, string> amount) =>
            [("Items.Kind", "Budget"), .. kinds.Select((k, i) => ($"Items.Amounts[{i}]", amount(k)))];

        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, page, "items",
            Fields(k => k switch { EconomyItemKind.TaxRevenue => "10 000", EconomyItemKind.OperatingCosts => "-1200", EconomyItemKind.Depreciation => "abc", _ => "" }))).Content.ReadAsStringAsync());
        Assert.Contains("Inget sparades:", bad);
        Assert.Contains("Avskrivningar: 'abc' är inget belopp", bad);
        Assert.DoesNotContain((await ItemsAsync()).Keys, k => k.Item1 == 2027);

        var negative = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, page, "items",
            Fields(k => k switch { EconomyItemKind.TaxRevenue => "10 000", EconomyItemKind.OperatingCosts => "-1200", _ => "" }))).Content.ReadAsStringAsync());
        Assert.Contains("Verksamhetens kostnader: -1200 är negativt", negative);
        Assert.DoesNotContain((await ItemsAsync()).Keys, k => k.Item1 == 2027);

        var saved = await Forms.PostAsync(planner, page, "items",
            Fields(k => k switch { EconomyItemKind.TaxRevenue => "10 000,5", EconomyItemKind.OperatingCosts => "1200", _ => "" }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var items = await ItemsAsync();
        Assert.Equal((10000.5m, 1200m), (items[(2027, FigureKind.Budget, EconomyItemKind.TaxRevenue)], items[(2027, FigureKind.Budget, EconomyItemKind.OperatingCosts)]));

        var reader = await AsAsync("lasare@halland.demo");
        var readOnly = await reader.GetStringAsync(page);
        Assert.Contains("Bara regionens planerare kan mata in ekonomiposter.", readOnly);
        Assert.DoesNotContain("Spara posterna", readOnly);
    }

    [Fact]
    public async Task TheEconomyPage_ShowsTheTaxRateAndFees_AndAPlannerChangesTheTaxRateWithAFieldNamedError()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var economy = WebUtility.HtmlDecode(await reader.GetStringAsync("/regions/13/economy"));
        Assert.Contains("Skattesats och avgifter", economy);
        Assert.Contains("11,40 %", economy);
        Assert.Contains("Kollektivtrafik", economy);
        Assert.Contains("/regions/13/economy/2024/judgement", economy);
        Assert.DoesNotContain("/regions/13/economy/2024/tax-and-fees", economy);

        var planner = await AsAsync("planerare@halland.demo");
        Assert.Contains("/regions/13/economy/2024/tax-and-fees", await planner.GetStringAsync("/regions/13/economy"));
        var page = "/regions/13/economy/2028/tax-and-fees";
        var wrong = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, page, "tax", ("Tax.Percent", "100"))).Content.ReadAsStringAsync());
        Assert.Contains("Skattesatsen ska vara över 0 och under 100 procent", wrong);
        Assert.Contains("id=\"tax-percent-error\"", wrong);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(planner, page, "tax", ("Tax.Percent", "11,55"))).StatusCode);
        Assert.Contains("11,55 %", WebUtility.HtmlDecode(await reader.GetStringAsync("/regions/13/economy")));
    }

    [Fact]
    public async Task APlanner_SavesTheJudgementFromThePage_AndTheEvidenceIsBesideIt()
    {
        var planner = await AsAsync("admin@halland.demo");
        var page = "/regions/13/economy/2024/judgement";
        var html = WebUtility.HtmlDecode(await planner.GetStringAsync(page));
        Assert.Contains("Fokusområdenas måluppfyllelse", html);
        Assert.Contains("Självfinansieringsgrad av investeringarna", html);
        Assert.Contains("Årsredovisning 2024", html);

        var saved = await Forms.PostAsync(planner, page, "judgement", ("Form.Version", "1"), ("Form.Verdict", "NotAchieved"), ("Form.Text", "Målen nås *inte*."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await planner.GetStringAsync(page + "?saved=draft"));
        Assert.Contains("Utkastet sparades.", after);
        Assert.Contains("<em>inte</em>", after);
        Assert.Contains("God ekonomisk hushållning uppnås inte", after);

        var stale = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, page, "judgement", ("Form.Version", "1"), ("Form.Text", "äldre"))).Content.ReadAsStringAsync());
        Assert.Contains("Någon annan sparade bedömningen medan du skrev", stale);

        var reader = await AsAsync("lasare@halland.demo");
        var readOnly = await reader.GetStringAsync(page);
        Assert.DoesNotContain("Spara utkast", readOnly);
        Assert.Contains("Fokusområdenas måluppfyllelse", WebUtility.HtmlDecode(readOnly));
    }

    [Fact]
    public async Task TheFramesForm_NamesTheWrongRow_KeepsTheFrames_AndSavesTheInvestmentPlan()
    {
        var planner = await AsAsync("planerare@halland.demo");
        var page = "/regions/13/economy/2026/frames";
        var form = WebUtility.HtmlDecode(await planner.GetStringAsync(page));
        Assert.Contains("value=\"Driftnämnd Psykiatri\"", form);

        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, page, "frames",
            ("Frames.Rows[0].Label", "Patientnämnd"), ("Frames.Rows[0].Amount", "1"), ("Frames.Rows[1].Label", "Revision"), ("Frames.Rows[1].Amount", "sex"))).Content.ReadAsStringAsync());
        Assert.Contains("Rad 2: 'sex' är inget belopp", bad);
        Assert.Contains("id=\"frame-rows[1].amount-error\"", bad);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var frames = await scope.ServiceProvider.GetRequiredService<EconomyQueries>().BudgetFramesAsync(new Styra.Features.Organisation.RegionCode("13"), 2026, 2026);
            Assert.Equal(14, frames!.Single().Rows.Count);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(planner, page, "investments",
            ("Plan.Decided", "310,2"), ("Plan.Property", "900"), ("Plan.StatedTotal", "1 210,2"))).StatusCode);
        var json = await planner.GetStringAsync("/api/regions/13/investment-plan?from=2026&to=2026");
        Assert.Contains("\"propertyInvestments\":900", json);
    }
}
