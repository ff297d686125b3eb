using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

public sealed record EconomyImportSummary(int Rows, int Added, int Changed, int Unchanged, bool DryRun = false);

public sealed record EconomyImportResult(EconomyImportSummary? Summary, IReadOnlyList<ImportProblem> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>The units an amount may be given in; Styra stores mnkr. 1 mnkr = 1 000 tkr = 1 000 000 kr, converted exactly.</summary>
public enum MoneyUnit { Kr, Tkr, Mnkr }

/// <summary>
/// Imports a region's economy items from CSV or Excel (docs/economy-format.md): one item per row with year, kind, item
/// and amount. Every row is checked first; any problem and nothing is written, the previous data as it was. An item
/// already stored for the same year, kind and item is replaced; the others stay.
/// </summary>
public sealed class EconomyImporter(StyraDbContext db)
{
    /// <summary>Each item's Swedish name (as in a finance system's report) and its code for files; the code of the enum is accepted too.</summary>
    public static readonly IReadOnlyList<(EconomyItemKind Item, string Swedish, string Code)> ItemNames =
    [
        (EconomyItemKind.OperatingIncome, "Verksamhetens intäkter", "verksamhetens-intakter"),
        (EconomyItemKind.OperatingCosts, "Verksamhetens kostnader", "verksamhetens-kostnader"),
        (EconomyItemKind.Depreciation, "Avskrivningar", "avskrivningar"),
        (EconomyItemKind.TaxRevenue, "Skatteintäkter", "skatteintakter"),
        (EconomyItemKind.GeneralGrantsAndEqualisation, "Generella statsbidrag och utjämning", "generella-statsbidrag-och-utjamning"),
        (EconomyItemKind.FinancialIncome, "Finansiella intäkter", "finansiella-intakter"),
        (EconomyItemKind.FinancialCosts, "Finansiella kostnader", "finansiella-kostnader"),
        (EconomyItemKind.PensionCostsInOperatingCosts, "Varav pensionskostnader i verksamhetens kostnader", "varav-pensionskostnader"),
        (EconomyItemKind.PensionCostsInFinancialCosts, "Varav finansiell kostnad för pensioner", "varav-finansiell-pensionskostnad"),
        (EconomyItemKind.NetResult, "Årets resultat", "arets-resultat"),
        (EconomyItemKind.RealisationGains, "Realisationsvinster", "realisationsvinster"),
        (EconomyItemKind.AllowedRealisationLosses, "Realisationsförluster enligt undantagsmöjlighet", "tillatna-realisationsforluster"),
        (EconomyItemKind.UnrealisedSecuritiesChange, "Orealiserade värdeförändringar i värdepapper", "orealiserade-vardeforandringar"),
        (EconomyItemKind.ReserveAllocation, "Avsättning till resultatutjämningsreserv/resultatreserv", "avsattning-reserv"),
        (EconomyItemKind.ReserveUse, "Ianspråktagande av resultatutjämningsreserv/resultatreserv", "ianspraktagande-reserv"),
        (EconomyItemKind.TotalAssets, "Summa tillgångar", "summa-tillgangar"),
        (EconomyItemKind.Equity, "Eget kapital", "eget-kapital"),
        (EconomyItemKind.PensionCommitmentsContingent, "Pensionsförpliktelser som ansvarsförbindelse", "pensionsforpliktelser-ansvarsforbindelse"),
        (EconomyItemKind.LiquidAssets, "Likvida medel", "likvida-medel"),
        (EconomyItemKind.LoanDebt, "Låneskuld", "laneskuld"),
        (EconomyItemKind.Investments, "Investeringar", "investeringar"),
    ];

    /// <summary>Items that may be negative; every other item is an amount ≥ 0 (costs are written as positive amounts).</summary>
    public static readonly IReadOnlySet<EconomyItemKind> Signed = new HashSet<EconomyItemKind>
    {
        EconomyItemKind.NetResult, EconomyItemKind.GeneralGrantsAndEqualisation, EconomyItemKind.UnrealisedSecuritiesChange, EconomyItemKind.Equity,
    };

    private sealed record Row(string File, string Where, int Year, FigureKind Kind, EconomyItemKind Item, decimal Amount, string? Source);

    /// <summary>Imports the file, all or nothing; a dry run checks it and counts what would change, and keeps nothing.</summary>
    public async Task<EconomyImportResult> ImportAsync(RegionCode code, ImportFile file, CancellationToken ct = default, bool dryRun = false)
    {
        var problems = new ImportProblems();
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return Failed(new ImportProblem(file.Name, null, $"there is no region {code}"));
        var rows = new List<Row>();
        var seen = new Dictionary<(int, FigureKind, EconomyItemKind), string>();
        await using (var stream = file.Open())
        {
            var rowsRead = TableFile.ReadAsync(file.Name, stream, Expected, (header, locate) => MapHeader(file.Name, header, locate, problems), problems, ct);
            await foreach (var (where, locate, cells) in rowsRead)
            {
                if (Parse(file.Name, where, locate, cells, problems) is not { } row) continue;
                if (seen.TryGetValue((row.Year, row.Kind, row.Item), out var first))
                    problems.Add(file.Name, where, $"{row.Item} {Kinds[row.Kind]} {row.Year} appears twice (first at {first}); give each item once per year and kind");
                else
                {
                    seen[(row.Year, row.Kind, row.Item)] = where;
                    rows.Add(row);
                }
            }
        }
        if (problems.Any) return Failed(problems.ToList());
        if (rows.Count == 0) return Failed(new ImportProblem(file.Name, null, "the file has no rows after the header; expected one item per row"));
        try
        {
            return await Atomic.RunAsync(db, async () =>
            {
                var years = rows.Select(r => r.Year).Distinct().ToList();
                var existing = await db.EconomyItems.Where(i => i.RegionId == region.Id && years.Contains(i.Year)).ToListAsync(ct);
                int added = 0, changed = 0, unchanged = 0;
                foreach (var r in rows)
                {
                    var source = r.Source ?? $"Import: {r.File}, {r.Where}";
                    var item = existing.SingleOrDefault(i => i.Year == r.Year && i.Kind == r.Kind && i.Item == r.Item);
                    if (item is null)
                    {
                        db.EconomyItems.Add(new EconomyItem(region, r.Year, r.Kind, r.Item, r.Amount, source));
                        added++;
                    }
                    else if (item.Amount != r.Amount)
                    {
                        item.Amount = r.Amount;
                        item.Source = source;
                        changed++;
                    }
                    else unchanged++;
                }
                await db.SaveChangesAsync(ct);
                return (new EconomyImportResult(new EconomyImportSummary(rows.Count, added, changed, unchanged, dryRun), []), !dryRun);
            }, ct);
        }
        catch (DbUpdateException e)
        {
            return Failed(new ImportProblem(file.Name, null, $"the database refused the change ({(e.InnerException ?? e).Message.Trim()}); nothing was imported"));
        }
    }

    public const string Expected = "år, typ, post, belopp (required) and enhet, källa (optional)";

    private static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("year", ["år", "ar", "year"], true),
        ("kind", ["typ", "kind"], true),
        ("item", ["post", "item"], true),
        ("amount", ["belopp", "amount"], true),
        ("unit", ["enhet", "unit"], false),
        ("source", ["källa", "kalla", "source"], false),
    ];

    private static readonly Dictionary<FigureKind, string> Kinds = new() { [FigureKind.Outcome] = "utfall", [FigureKind.Budget] = "budget", [FigureKind.Forecast] = "prognos" };

    private static Dictionary<string, int>? MapHeader(string file, IReadOnlyList<string> header, Func<int, string> locate, ImportProblems problems)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var known = Columns.FirstOrDefault(c => c.Names.Contains(name.ToLowerInvariant()));
            if (known.Key is null) problems.Add(file, locate(i), $"unknown column '{name}'; expected {Expected}");
            else if (!index.TryAdd(known.Key, i)) problems.Add(file, locate(i), $"the column '{name}' appears twice");
        }
        foreach (var c in Columns.Where(c => c.Required && !index.ContainsKey(c.Key)))
            problems.Add(file, "header", $"missing column '{c.Names[0]}' ({c.Names[^1]}); expected {Expected}");
        return problems.Any ? null : index;
    }

    private static Row? Parse(string file, string where, Func<string, string> locate, Func<string, string?> cell, ImportProblems problems)
    {
        var yearText = cell("year")?.Trim();
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2100)
        {
            problems.Add(file, locate("year"), $"'{yearText}' is not a year; expected a year such as 2024");
            return null;
        }
        var kindText = cell("kind")?.Trim().ToLowerInvariant();
        FigureKind? kind = kindText switch
        {
            "utfall" or "outcome" => FigureKind.Outcome,
            "budget" => FigureKind.Budget,
            "prognos" or "forecast" => FigureKind.Forecast,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(file, locate("kind"), $"'{cell("kind")}' is not a kind; expected utfall, budget or prognos (outcome, budget, forecast)");
            return null;
        }
        var itemText = cell("item")?.Trim() ?? "";
        var match = ItemNames.Where(n => string.Equals(n.Swedish, itemText, StringComparison.OrdinalIgnoreCase) || string.Equals(n.Code, itemText, StringComparison.OrdinalIgnoreCase)
            || string.Equals(n.Item.ToString(), itemText, StringComparison.OrdinalIgnoreCase)).Select(n => (EconomyItemKind?)n.Item).FirstOrDefault();
        if (match is not { } item)
        {
            problems.Add(file, locate("item"), $"'{itemText}' is not an economy item; expected one of the codes in docs/economy-format.md, e.g. skatteintakter or arets-resultat");
            return null;
        }
        var amountText = cell("amount");
        if (string.IsNullOrWhiteSpace(amountText) || !Cells.TryNumber(amountText, out var number))
        {
            problems.Add(file, locate("amount"), $"'{amountText}' is not an amount; expected a number such as 1 234,5 or 1234.5");
            return null;
        }
        var unitText = cell("unit")?.Trim().ToLowerInvariant();
        MoneyUnit? unit = unitText switch
        {
            null or "" or "mnkr" or "mkr" => MoneyUnit.Mnkr,
            "tkr" => MoneyUnit.Tkr,
            "kr" or "sek" => MoneyUnit.Kr,
            _ => null,
        };
        if (unit is null)
        {
            problems.Add(file, locate("unit"), $"'{cell("unit")}' is not a unit; expected kr, tkr or mnkr (empty means mnkr)");
            return null;
        }
        // Parsed as decimal from the text, so that 0,1 stays 0,1 (a double would not); the number check above already passed.
        var amount = decimal.Parse(Normalise(amountText), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        amount = unit switch { MoneyUnit.Kr => amount / 1_000_000m, MoneyUnit.Tkr => amount / 1_000m, _ => amount };
        if (amount < 0 && !Signed.Contains(item))
        {
            problems.Add(file, locate("amount"), $"{amountText} is negative; {ItemNames.Single(n => n.Item == item).Swedish} is entered as a positive amount (a cost as 1 200, not −1 200)");
            return null;
        }
        var source = cell("source")?.Trim();
        return new Row(file, where, year, kind.Value, item, amount, string.IsNullOrEmpty(source) ? null : source);
    }

    /// <summary>An amount as people write it ("1 234,5", "1234.5", "−3"), parsed exactly as the import parses it; false when it is none.</summary>
    public static bool TryAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text) || !Cells.TryNumber(text, out _)) return false;
        return decimal.TryParse(Normalise(text), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out amount);
    }

    private static string Normalise(string text) => text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
        .Replace("\u202F", "", StringComparison.Ordinal).Replace('\u2212', '-').Replace(',', '.');

    private static EconomyImportResult Failed(params IEnumerable<ImportProblem> errors) => new(null, errors.ToList());
}
