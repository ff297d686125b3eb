using Microsoft.EntityFrameworkCore;
using Styra.Features.Economy;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Cli;

public sealed class EconomyCommandTests
{
    [Fact]
    public async Task EconomyImport_LoadsTheFile_AndABadFileReportsEveryErrorAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var folder = Directory.CreateTempSubdirectory("styra-economy-").FullName;
        try
        {
            var good = Path.Combine(folder, "ekonomi.csv");
            await File.WriteAllTextAsync(good, "år;typ;post;belopp;enhet\n2023;utfall;skatteintakter;9 000 000;tkr\n2023;utfall;avskrivningar;500\n");
            var (exit, output, _) = await StyraCli.RunAsync(db, "economy", "import", "--region", "13", good);
            Assert.Equal(0, exit);
            Assert.Contains("ekonomi.csv: 2 item(s): 2 added, 0 changed, 0 unchanged.", output);
            Assert.Equal(9000m, await db.WithContextAsync(ctx => ctx.EconomyItems.Where(i => i.Item == EconomyItemKind.TaxRevenue && i.Year == 2023).Select(i => i.Amount).SingleAsync()));

            var bad = Path.Combine(folder, "fel.csv");
            await File.WriteAllTextAsync(bad, "år;typ;post;belopp\n2023;utfall;avskrivningar;600\n2023;utfall;avskrivningar;x\n");
            var (badExit, _, errors) = await StyraCli.RunAsync(db, "economy", "import", "--region", "13", bad);
            Assert.Equal(1, badExit);
            Assert.Contains("error: fel.csv: row 3, column 4 (belopp): 'x' is not an amount", errors);
            Assert.Contains("nothing was imported", errors);
            Assert.Equal(500m, await db.WithContextAsync(ctx => ctx.EconomyItems.Where(i => i.Item == EconomyItemKind.Depreciation && i.Year == 2023).Select(i => i.Amount).SingleAsync()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
