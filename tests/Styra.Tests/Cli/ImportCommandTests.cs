using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Cli;

/// <summary>`styra import kolada` as a person runs it.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public async Task ImportKolada_FromAFolder_LoadsEveryFile_AndAgainChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var folder = WriteDemoKolada();
        try
        {
            var (exit, output, _) = await StyraCli.RunAsync(db, "import", "kolada", folder);
            Assert.Equal(0, exit);
            Assert.Contains("27 file(s), import 1: 14062 values added, 0 changed, 0 unchanged; 6099 indicators and 312 areas added.", output);

            var (again, output2, _) = await StyraCli.RunAsync(db, "import", "kolada", folder);
            Assert.Equal(0, again);
            Assert.Contains("0 values added, 0 changed, 14062 unchanged", output2);
            Assert.Equal(1, await db.WithContextAsync(ctx => ctx.ImportBatches.CountAsync()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ImportKolada_OfABadFile_ExitsWithOne_NamesFileAndPlace_AndImportsNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var folder = WriteDemoKolada();
        try
        {
            var file = Path.Combine(folder, "N00923.json");
            File.WriteAllText(file, File.ReadAllText(file).Replace("\"period\": 2022", "\"period\": \"2022X\""));

            var (exit, _, errors) = await StyraCli.RunAsync(db, "import", "kolada", folder);

            Assert.Equal(1, exit);
            Assert.Matches(@"error: N00923\.json: values\[\d+\]\.period: '2022X' is not a period", errors);
            Assert.Contains("nothing was imported", errors);
            Assert.Equal(0, await db.WithContextAsync(ctx => ctx.Measurements.CountAsync()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ImportKolada_OfAMissingPath_SaysSo()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var (exit, _, errors) = await StyraCli.RunAsync(db, "import", "kolada", "/no/such/folder");
        Assert.Equal(1, exit);
        Assert.Contains("/no/such/folder: no such file or folder", errors);
    }

    [Fact]
    public async Task ImportCsvAndXlsx_LoadValues_AndABadRowExitsWithOne_NamingRowAndColumn()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var folder = Directory.CreateTempSubdirectory("styra-values-").FullName;
        try
        {
            var csv = Path.Combine(folder, "värden.csv");
            File.WriteAllText(csv, "indikator;område;period;kön;värde\nN00923;0013;1999;T;76,5\nN00923;0013;1999;K;80,1\n");
            var xlsx = Path.Combine(folder, "värden.xlsx");
            File.WriteAllBytes(xlsx, Workbooks.Create("Blad1", ["indikator", "område", "period", "värde"], ["N00925", "0013", 1999, 81.2]));
            var bad = Path.Combine(folder, "fel.csv");
            File.WriteAllText(bad, "indikator;område;period;värde\nN00923;0013;1998;sju\n");

            var (csvExit, csvOut, _) = await StyraCli.RunAsync(db, "import", "csv", csv);
            var (xlsxExit, xlsxOut, _) = await StyraCli.RunAsync(db, "import", "xlsx", "--dry-run", xlsx);
            var (badExit, _, badErr) = await StyraCli.RunAsync(db, "import", "csv", bad);

            Assert.Equal(0, csvExit);
            Assert.Contains("2 values added, 0 changed, 0 unchanged", csvOut);
            Assert.Equal(0, xlsxExit);
            Assert.Contains("(dry run: nothing saved): 1 values added", xlsxOut);
            Assert.Equal(1, badExit);
            Assert.Contains("error: fel.csv: row 2, column 4 (värde): 'sju' is not a number", badErr);
            Assert.Equal(2, await db.WithContextAsync(ctx => ctx.Measurements.CountAsync(m => m.ImportBatch.Kind != "kolada")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string WriteDemoKolada()
    {
        var folder = Directory.CreateTempSubdirectory("styra-kolada-").FullName;
        foreach (var file in DemoData.KoladaFiles())
        {
            using var source = file.Open();
            using var target = File.Create(Path.Combine(folder, file.Name));
            source.CopyTo(target);
        }
        return folder;
    }
}
