using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Indicators;

/// <summary>Values from CSV and Excel files in the documented layout (docs/indicator-values-format.md).</summary>
public sealed class ImportTableTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static ImportFile Csv(string name, string text, bool bom = false) =>
        new(name, () => new MemoryStream([.. bom ? Bom : [], .. Encoding.UTF8.GetBytes(text)]));

    private static ImportFile Xlsx(string name, params object?[][] rows)
    {
        var bytes = Workbooks.Create("Värden", rows);
        return new ImportFile(name, () => new MemoryStream(bytes));
    }

    // Halland (0013) as a whole, Riket, and Halland's regional board (unit RS) — women, men and total.
    private const string SwedishCsv = """
        indikator;område;enhet;period;kön;värde;status
        N00923;0013;;1999;T;76,5;
        N00923;0000;;1999;T;76,9;definitiv
        N00923;13;RS;1999;K;80,25;Preliminär
        N00923;0013;RS;1999T2;M;−1,5;
        """;

    private const string EnglishCsv = """
        indicator,area,unit,period,gender,value,status
        N00923,0013,,1999,T,76.5,
        N00923,0000,,1999,T,76.9,final
        N00923,0013,RS,1999,K,80.25,preliminary
        N00923,0013,RS,1999T2,M,-1.5,
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Csv_WithSemicolonsDecimalCommaAndBom_ImportsEveryValue_WithUnitGenderAndStatus(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);

        var result = await ImportAsync(db, ImportFormat.Csv, [Csv("värden.csv", SwedishCsv, bom: true)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((4, 0, 0), (result.Summary!.ValuesAdded, result.Summary.ValuesChanged, result.Summary.ValuesUnchanged));
        Assert.Equal(
            ["0000//1999/T/76.9/Final", "0013//1999/T/76.5/Final", "0013/RS/1999/K/80.25/Preliminary", "0013/RS/1999T2/M/-1.5/Final"],
            await ValuesAsync(db, "N00923", 1999));
        var batch = await db.WithContextAsync(ctx => ctx.ImportBatches.SingleAsync(b => b.Id == result.Summary.ImportBatchId));
        Assert.Equal(("csv", "värden.csv", "test"), (batch.Kind, batch.Files, batch.ImportedBy));
    }

    [Fact]
    public async Task Csv_WithCommasAndDecimalPoint_WithoutBom_GivesTheSameValues()
    {
        await using var swedish = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        await using var english = await TestDatabase.CreateAsync("Sqlite", demoData: true);

        await ImportAsync(swedish, ImportFormat.Csv, [Csv("a.csv", SwedishCsv, bom: true)]);
        var result = await ImportAsync(english, ImportFormat.Csv, [Csv("b.csv", EnglishCsv)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(await ValuesAsync(swedish, "N00923", 1999), await ValuesAsync(english, "N00923", 1999));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Xlsx_WithNumberCellsTextCellsAndDates_ImportsEveryValue(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var file = Xlsx("värden.xlsx",
            ["Indikator", "Område", "Enhet", "Period", "Kön", "Värde", "Status"],
            ["N00923", "0013", null, 1999, "T", 76.5, null],
            ["N00923", "0000", null, "1999", "T", "76,9", "definitiv"],
            [null, null, null, null, null, null, null],
            ["N00923", "0013", "RS", 1999, "K", 80.25, "Preliminär"],
            ["N00923", "0013", "RS", "1999T2", "M", -1.5, null],
            ["N00923", "0013", null, new DateTime(1999, 3, 1), "T", 7, null]);

        var result = await ImportAsync(db, ImportFormat.Xlsx, [file]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(
            ["0000//1999/T/76.9/Final", "0013//1999/T/76.5/Final", "0013//1999M03/T/7/Final", "0013/RS/1999/K/80.25/Preliminary", "0013/RS/1999T2/M/-1.5/Final"],
            await ValuesAsync(db, "N00923", 1999));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Csv_ImportedAgain_ChangesNothing_AndANewerValueReplacesTheOlder_WithTheChangeRecorded(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        await ImportAsync(db, ImportFormat.Csv, [Csv("v.csv", SwedishCsv)]);
        var before = await db.ValuesFingerprintAsync();

        var again = await ImportAsync(db, ImportFormat.Csv, [Csv("v.csv", SwedishCsv)]);
        Assert.Equal((0, 0, 4, null), (again.Summary!.ValuesAdded, again.Summary.ValuesChanged, again.Summary.ValuesUnchanged, again.Summary.ImportBatchId));
        Assert.Equal(before, await db.ValuesFingerprintAsync());

        var revised = await ImportAsync(db, ImportFormat.Csv, [Csv("v2.csv", SwedishCsv.Replace("76,5", "76,6"))]);
        Assert.Equal((0, 1, 3), (revised.Summary!.ValuesAdded, revised.Summary.ValuesChanged, revised.Summary.ValuesUnchanged));
        var change = await db.WithContextAsync(ctx => ctx.MeasurementChanges.Include(c => c.Measurement).Include(c => c.OldImportBatch).SingleAsync());
        Assert.Equal((76.5, 76.6, "v.csv"), (change.OldValue, change.Measurement.Value, change.OldImportBatch.Files));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Csv_WithTheSameKeyTwice_AcceptsTheSameValue_AndRefusesADifferentOne_NamingBothRows(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var before = await db.ValuesFingerprintAsync();
        const string header = "indikator;område;period;värde\n";

        var same = await ImportAsync(db, ImportFormat.Csv, [Csv("same.csv", header + "N00923;0013;1999;76,5\nN00923;0013;1999;76,50\n")]);
        Assert.True(same.Succeeded, string.Join("\n", same.Errors));
        Assert.Equal(1, same.Summary!.ValuesAdded);
        var afterSame = await db.ValuesFingerprintAsync();

        var differs = await ImportAsync(db, ImportFormat.Csv, [Csv("differs.csv", header + "N00923;0013;1998;76,5\nN00923;0013;1998;77\n")]);
        var error = Assert.Single(differs.Errors);
        Assert.Equal(("differs.csv", "row 3"), (error.File, error.Location));
        Assert.Contains("is 77 here but 76.5", error.Message);

        // A key already in the database with the same value, then another value for it: also refused.
        var afterKnown = await ImportAsync(db, ImportFormat.Csv, [Csv("known.csv", header + "N00923;0013;1999;76,5\nN00923;0013;1999;70\n")]);
        Assert.Contains("is 70 here but 76.5", Assert.Single(afterKnown.Errors).Message);
        // The failed imports wrote rows before the conflict showed (SQLite finds it on the row itself): all undone.
        Assert.Equal(afterSame, await db.ValuesFingerprintAsync());
        Assert.Equal(1, await db.WithContextAsync(ctx => ctx.ImportBatches.CountAsync(b => b.Kind == "csv")));
        Assert.NotEqual(before, await db.ValuesFingerprintAsync());
    }

    public static TheoryData<string, string?, string> BadCsv => new()
    {
        // content, location, a part of the message
        { "", null, "the file is empty" },
        { "indikator;område;värde\nN00923;0013;76,5\n", "header", "missing column 'period'" },
        { "indikator;område;period;värde;vårde\n", "row 1, column 5 (vårde)", "unknown column 'vårde'" },
        { "indikator;område;period;värde\nN00923;0013;1999;sju\n", "row 2, column 4 (värde)", "'sju' is not a number" },
        { "indikator;område;period;värde\nN00923;0013;1999;1.234,5\n", "row 2, column 4 (värde)", "is not a number" },
        { "indikator;område;period;värde\nX99999;0013;1999;7\n", "row 2 (indicator)", "unknown indicator 'X99999'" },
        { "indikator;område;period;värde\nN00923;9999;1999;7\n", "row 2 (area)", "unknown area '9999'" },
        { "indikator;område;period;värde\nN00923;Halland;1999;7\n", "row 2, column 2 (område)", "'Halland' is not an area" },
        { "indikator;område;enhet;period;värde\nN00923;0013;XYZ;1999;7\n", "row 2 (unit)", "unknown unit 'XYZ' in area 0013" },
        { "indikator;område;period;värde\nN00923;0013;1999Q1;7\n", "row 2, column 3 (period)", "'1999Q1' is not a period" },
        { "indikator;område;period;kön;värde\nN00923;0013;1999;X;7\n", "row 2, column 4 (kön)", "'X' is not a gender" },
        { "indikator;område;period;värde;status\nN00923;0013;1999;7;kanske\n", "row 2, column 5 (status)", "'kanske' is not a status" },
        { "indicator,area,period,value\nN00923,0013,1999,82,35\n", "row 2", "the row has 5 fields but the header has 4" },
    };

    [Theory]
    [MemberData(nameof(BadCsv))]
    public async Task Csv_WithABadRow_NamesFileRowAndColumn_AndImportsNothing(string content, string? location, string message)
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var before = await db.ValuesFingerprintAsync();

        // A good file beside the bad one: nothing of it may be imported either.
        var result = await ImportAsync(db, ImportFormat.Csv, [Csv("a-good.csv", SwedishCsv), Csv("b-bad.csv", content)]);

        Assert.False(result.Succeeded);
        var error = result.Errors.First();
        Assert.Equal(("b-bad.csv", location), (error.File, error.Location));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await db.ValuesFingerprintAsync());
    }

    [Fact]
    public async Task Csv_InWindows1252_IsRefused_WithAdviceToSaveAsUtf8()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        // "område" and "värde" in Windows-1252: å = 0xE5, ä = 0xE4.
        var bytes = Encoding.ASCII.GetBytes("indikator;omr?de;period;v?rde\nN00923;0013;1999;7\n");
        bytes[14] = 0xE5;
        bytes[25] = 0xE4;

        var result = await ImportAsync(db, ImportFormat.Csv, [new ImportFile("ansi.csv", () => new MemoryStream(bytes))]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("ansi.csv", "row 1"), (error.File, error.Location));
        Assert.Contains("CSV UTF-8", error.Message);
    }

    [Fact]
    public async Task Xlsx_WithABadCell_NamesSheetRowAndColumnLetter()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var file = Xlsx("v.xlsx", ["Indikator", "Område", "Period", "Värde"], ["N00923", "0013", 1999, 76.5], ["N00923", "0013", 1998, "sju"]);

        var result = await ImportAsync(db, ImportFormat.Xlsx, [file]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("sheet 'Värden', row 3, column D (Värde)", error.Location);
        Assert.Contains("'sju' is not a number", error.Message);
    }

    [Fact]
    public async Task Xlsx_AreasTypedAsNumbers_KeepTheirLeadingZeros()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var file = Xlsx("v.xlsx", ["indikator", "område", "period", "värde"], ["N00923", 0, 1999, 76.9], ["N00923", 1, 1999, 77.1], ["N00923", 13, 1999, 76.5]);

        var result = await ImportAsync(db, ImportFormat.Xlsx, [file]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["0000//1999/T/76.9/Final", "0001//1999/T/77.1/Final", "0013//1999/T/76.5/Final"], await ValuesAsync(db, "N00923", 1999));
    }

    [Fact]
    public async Task Xlsx_ThatIsNoWorkbook_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var result = await ImportAsync(db, ImportFormat.Xlsx, [Csv("v.xlsx", SwedishCsv)]);
        Assert.Contains("not an Excel workbook", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldChange_AndSavesNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var before = await db.ValuesFingerprintAsync();

        var result = await ImportAsync(db, ImportFormat.Csv, [Csv("v.csv", SwedishCsv)], dryRun: true);

        Assert.Equal((4, true, null), (result.Summary!.ValuesAdded, result.Summary.DryRun, result.Summary.ImportBatchId));
        Assert.Equal(before, await db.ValuesFingerprintAsync());
    }

    [Fact]
    public async Task Import_ReportsProgress_PerFile_WithBytesAndValues()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var reports = new List<ImportProgress>();
        var progress = new SynchronousProgress(reports.Add);

        await ImportAsync(db, ImportFormat.Csv, [Csv("a.csv", SwedishCsv), Csv("b.csv", EnglishCsv)], progress: progress);

        var last = reports.Last();
        Assert.Equal(("b.csv", 2, 2, 8L), (last.File, last.FileNumber, last.Files, last.Values));
        Assert.Equal(last.FileLength, last.BytesRead);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static async Task<ValueImportResult> ImportAsync(
        TestDatabase db, ImportFormat format, IReadOnlyList<ImportFile> files, bool dryRun = false, IProgress<ImportProgress>? progress = null)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ValueImporter>().ImportAsync(format, files, "test", dryRun, progress);
    }

    private static Task<List<string>> ValuesAsync(TestDatabase db, string code, int year) => db.WithContextAsync(async ctx =>
        (await ctx.Measurements.Where(m => m.Indicator.Code == code)
            .Select(m => new { m.AreaId, m.UnitCode, m.Period, m.Gender, m.Value, m.Status }).ToListAsync())
        .Where(m => m.Period.Year == year)
        .Select(m => $"{m.AreaId}/{m.UnitCode}/{m.Period}/{m.Gender}/{m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{m.Status}")
        .Order(StringComparer.Ordinal).ToList());
}
