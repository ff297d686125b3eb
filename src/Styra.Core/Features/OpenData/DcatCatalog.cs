using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Plans;
using Styra.Features.Publishing;

namespace Styra.Features.OpenData;

/// <summary>Who publishes the catalogue and whom to ask: from configuration (<c>OpenData:*</c>), with defaults for a demo.</summary>
public sealed record CatalogPublisher(string Name, string? Email, string? Homepage);

/// <summary>
/// The DCAT-AP-SE description (RDF/XML) of the open data, for a national data portal (dataportal.se) to harvest: a
/// dcat:Catalog with, per region, a dcat:Dataset for each published kind of data — plans and goals with their published
/// fulfilment, indicators and their values, financial goals of the published years — and a dcat:Distribution per format.
/// Each dataset carries DCAT-AP-SE's mandatory properties (title, description, publisher, contact point) and the
/// recommended ones Styra knows (theme, keyword, spatial, accrual periodicity, modified, distribution with access and
/// download URL, format, media type and licence).
/// </summary>
public sealed class DcatCatalog(StyraDbContext db, PublishedContent published)
{
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static readonly XNamespace Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    public static readonly XNamespace Dcat = "http://www.w3.org/ns/dcat#";
    public static readonly XNamespace Dcterms = "http://purl.org/dc/terms/";
    public static readonly XNamespace Foaf = "http://xmlns.com/foaf/0.1/";
    public static readonly XNamespace Vcard = "http://www.w3.org/2006/vcard/ns#";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema#";

    private const string EuAuthority = "http://publications.europa.eu/resource/authority/";
    private const string Sweden = EuAuthority + "country/SWE";

    private sealed record Distribution(string Path, string Format, string TitleSv, string TitleEn);

    private sealed record Dataset(string Id, string TitleSv, string TitleEn, string DescriptionSv, string DescriptionEn, string[] Themes,
        string[] Keywords, string Frequency, Distribution[] Distributions, bool FromKolada);

    public async Task<XDocument> BuildAsync(string baseUrl, CatalogPublisher publisher, CancellationToken ct = default)
    {
        baseUrl = baseUrl.TrimEnd('/');
        var stamp = await published.StampAsync(ct);
        var issued = await db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).Select(b => (DateTimeOffset?)b.StartedAt).FirstOrDefaultAsync(ct)
            ?? stamp.LastModified;
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        var withPlans = (await db.Plans.AsNoTracking().Select(p => p.RegionId).Distinct().ToListAsync(ct)).ToHashSet();
        var withIndicators = (await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.Indicators.Any())
            .Select(n => n.PlanVersion.Plan.RegionId).Distinct().ToListAsync(ct)).ToHashSet();

        var catalog = new XElement(Dcat + "Catalog", new XAttribute(Rdf + "about", $"{baseUrl}/api/open/v1/catalog"),
            Text(Dcterms + "title", "sv", "Styra – öppna data om regionernas styrning och uppföljning"),
            Text(Dcterms + "title", "en", "Styra – open data on the regions' governance and follow-up"),
            Text(Dcterms + "description", "sv", "Regionernas planer och mål med publicerad måluppfyllelse, indikatorer med värden och målvärden, och finansiella mål för publicerade år."),
            Text(Dcterms + "description", "en", "The regions' plans and goals with published goal fulfilment, indicators with values and targets, and financial goals of published years."),
            new XElement(Dcterms + "publisher", Agent(publisher.Name, publisher.Homepage ?? baseUrl + "/")),
            Resource(Foaf + "homepage", publisher.Homepage ?? baseUrl + "/"),
            Resource(Dcterms + "language", EuAuthority + "language/SWE"),
            Resource(Dcterms + "language", EuAuthority + "language/ENG"),
            Resource(Dcterms + "license", OpenDataTerms.LicenseUrl),
            Date(Dcterms + "issued", issued),
            Date(Dcterms + "modified", stamp.LastModified),
            Resource(Dcat + "themeTaxonomy", EuAuthority + "data-theme"),
            Resource(Dcterms + "spatial", Sweden));

        foreach (var region in regions)
        {
            var code = region.Code.Value;
            var api = $"{baseUrl}/api/open/v1/regions/{code}";
            var datasets = new List<Dataset>();
            if (withPlans.Contains(region.Id))
                datasets.Add(new Dataset("goals", $"Planer och mål – {region.Name}", $"Plans and goals – {region.Name}",
                    $"{region.Name}s planer med gällande version och beslut, och varje mål i målträden med ansvariga nämnder, indikatorer och den senast publicerade, godkända bedömningen av måluppfyllelse och prognos.",
                    $"{region.Name}'s plans with their current version and decision, and every goal of the goal trees with the committees responsible, the indicators and the latest published approved assessment of fulfilment and forecast.",
                    ["GOVE"], ["mål", "måluppfyllelse", "styrning", "uppföljning", "mål och budget", "region"], "ANNUAL_3",
                    [new("/goals", "JSON", "Mål (JSON)", "Goals (JSON)"), new("/goals.csv", "CSV", "Mål (CSV)", "Goals (CSV)"),
                     new("/plans", "JSON", "Planer (JSON)", "Plans (JSON)"), new("/plans.csv", "CSV", "Planer (CSV)", "Plans (CSV)")], false));
            if (withIndicators.Contains(region.Id))
                datasets.Add(new Dataset("indicators", $"Indikatorer och värden – {region.Name}", $"Indicators and values – {region.Name}",
                    $"Indikatorerna som följer upp {region.Name}s mål: senaste värde, rikets värde och målvärde; värdena per period och kön för regionen, dess kommuner och riket. Värden från Kolada anges med källa Kolada.",
                    $"The indicators that follow up {region.Name}'s goals: latest value, the national value and the target; the values per period and gender for the region, its municipalities and Sweden. Values from Kolada are marked with the source Kolada.",
                    ["HEAL", "GOVE"], ["indikator", "nyckeltal", "hälso- och sjukvård", "målvärde", "Kolada"], "ANNUAL",
                    [new("/indicators", "JSON", "Indikatorer (JSON)", "Indicators (JSON)"), new("/indicators.csv", "CSV", "Indikatorer (CSV)", "Indicators (CSV)")], true));
            if ((await published.EconomyYearsAsync(region.Id, ct)).Count > 0)
                datasets.Add(new Dataset("financial-goals", $"Finansiella mål – {region.Name}", $"Financial goals – {region.Name}",
                    $"{region.Name}s finansiella mål för publicerade år: beräknade ur resultat- och balansräkningens poster och som regionen redovisat dem.",
                    $"{region.Name}'s financial goals for published years: computed from the income statement and balance sheet items and as the region reported them.",
                    ["ECON", "GOVE"], ["finansiella mål", "ekonomi", "resultat", "soliditet", "självfinansieringsgrad"], "ANNUAL",
                    [new("/financial-goals", "JSON", "Finansiella mål (JSON)", "Financial goals (JSON)"), new("/financial-goals.csv", "CSV", "Finansiella mål (CSV)", "Financial goals (CSV)")], false));

            foreach (var d in datasets)
                catalog.Add(new XElement(Dcat + "dataset", DatasetElement(d, api, region.Name, publisher, stamp)));
        }
        catalog.Add(new XElement(Dcat + "service", Service(baseUrl, publisher)));

        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Rdf + "RDF",
                new XAttribute(XNamespace.Xmlns + "rdf", Rdf), new XAttribute(XNamespace.Xmlns + "rdfs", Rdfs),
                new XAttribute(XNamespace.Xmlns + "dcat", Dcat), new XAttribute(XNamespace.Xmlns + "dcterms", Dcterms),
                new XAttribute(XNamespace.Xmlns + "foaf", Foaf), new XAttribute(XNamespace.Xmlns + "vcard", Vcard),
                catalog));
    }

    /// <summary>
    /// The same catalogue as JSON-LD: each RDF/XML node (an element with rdf:about, or nested) becomes an object with
    /// <c>@id</c> and <c>@type</c>, each property a compact IRI key; resources become <c>{"@id"}</c>, texts in a
    /// language <c>{"@value", "@language"}</c>, dates <c>{"@value", "@type"}</c>.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject ToJsonLd(XDocument document)
    {
        var prefixes = new Dictionary<string, string>
        {
            [Rdf.NamespaceName] = "rdf", [Rdfs.NamespaceName] = "rdfs", [Dcat.NamespaceName] = "dcat", [Dcterms.NamespaceName] = "dcterms",
            [Foaf.NamespaceName] = "foaf", [Vcard.NamespaceName] = "vcard", [Xsd.NamespaceName] = "xsd",
        };
        string Compact(XName name) => $"{prefixes[name.NamespaceName]}:{name.LocalName}";
        System.Text.Json.Nodes.JsonObject Node(XElement element)
        {
            var node = new System.Text.Json.Nodes.JsonObject();
            if (element.Attribute(Rdf + "about") is { } about) node["@id"] = about.Value;
            node["@type"] = Compact(element.Name);
            foreach (var property in element.Elements().GroupBy(e => e.Name))
            {
                var values = new System.Text.Json.Nodes.JsonArray();
                foreach (var p in property)
                {
                    if (p.Attribute(Rdf + "resource") is { } resource) values.Add(new System.Text.Json.Nodes.JsonObject { ["@id"] = resource.Value });
                    else if (p.HasElements) values.Add(Node(p.Elements().Single()));
                    else if (p.Attribute(Rdf + "datatype") is { } type)
                        values.Add(new System.Text.Json.Nodes.JsonObject { ["@value"] = p.Value, ["@type"] = type.Value });
                    else if (p.Attribute(XNamespace.Xml + "lang") is { } lang)
                        values.Add(new System.Text.Json.Nodes.JsonObject { ["@value"] = p.Value, ["@language"] = lang.Value });
                    else values.Add(p.Value);
                }
                node[Compact(property.Key)] = values.Count == 1 ? values[0]!.DeepClone() : values;
            }
            return node;
        }
        var context = new System.Text.Json.Nodes.JsonObject();
        foreach (var (ns, prefix) in prefixes) context[prefix] = ns;
        return new System.Text.Json.Nodes.JsonObject
        {
            ["@context"] = context,
            ["@graph"] = new System.Text.Json.Nodes.JsonArray(document.Root!.Elements().Select(e => (System.Text.Json.Nodes.JsonNode)Node(e)).ToArray()),
        };
    }

    private static XElement DatasetElement(Dataset d, string api, string regionName, CatalogPublisher publisher, PublicStamp stamp)
    {
        var dataset = new XElement(Dcat + "Dataset", new XAttribute(Rdf + "about", $"{api}#{d.Id}"),
            Text(Dcterms + "title", "sv", d.TitleSv), Text(Dcterms + "title", "en", d.TitleEn),
            Text(Dcterms + "description", "sv", d.DescriptionSv), Text(Dcterms + "description", "en", d.DescriptionEn),
            Text(Dcterms + "identifier", null, $"{api}#{d.Id}"),
            new XElement(Dcterms + "publisher", Agent(regionName, null)),
            new XElement(Dcat + "contactPoint", Contact(regionName, publisher, api)),
            d.Themes.Select(t => Resource(Dcat + "theme", EuAuthority + "data-theme/" + t)),
            d.Keywords.Select(k => Text(Dcat + "keyword", "sv", k)),
            Resource(Dcterms + "accrualPeriodicity", EuAuthority + "frequency/" + d.Frequency),
            Resource(Dcterms + "spatial", Sweden),
            Resource(Dcterms + "language", EuAuthority + "language/SWE"),
            Resource(Dcterms + "accessRights", EuAuthority + "access-right/PUBLIC"),
            Date(Dcterms + "modified", stamp.LastModified));
        foreach (var x in d.Distributions)
        {
            var url = api + x.Path;
            var media = x.Format == "CSV" ? "text/csv" : "application/json";
            var distribution = new XElement(Dcat + "Distribution", new XAttribute(Rdf + "about", $"{url}#distribution"),
                Text(Dcterms + "title", "sv", x.TitleSv), Text(Dcterms + "title", "en", x.TitleEn),
                Resource(Dcat + "accessURL", url), Resource(Dcat + "downloadURL", url),
                Resource(Dcterms + "format", EuAuthority + "file-type/" + x.Format),
                Resource(Dcat + "mediaType", "https://www.iana.org/assignments/media-types/" + media),
                Resource(Dcterms + "license", OpenDataTerms.LicenseUrl),
                Date(Dcterms + "modified", stamp.LastModified));
            if (d.FromKolada)
                distribution.Add(new XElement(Dcterms + "rights", new XElement(Dcterms + "RightsStatement",
                    Text(Rdfs + "label", "sv", $"Regionens egna data: CC0 1.0. Värden med källa Kolada: fria att använda med källangivelsen \"{OpenDataTerms.KoladaAttribution}\"."),
                    Text(Rdfs + "label", "en", $"The region's own data: CC0 1.0. Values with the source Kolada: free to use, credited \"{OpenDataTerms.KoladaAttribution}\"."))));
            dataset.Add(new XElement(Dcat + "distribution", distribution));
        }
        return dataset;
    }

    /// <summary>The Kolada-compatible API, described as a data service.</summary>
    private static XElement Service(string baseUrl, CatalogPublisher publisher) =>
        new(Dcat + "DataService", new XAttribute(Rdf + "about", $"{baseUrl}/kolada/v3"),
            Text(Dcterms + "title", "sv", "Kolada-kompatibelt API för regionernas indikatorer"),
            Text(Dcterms + "title", "en", "Kolada-compatible API of the regions' indicators"),
            Text(Dcterms + "description", "sv", "Samma form som Kolada v3 (/kpi, /municipality, /data …), sidindelat med page och per_page."),
            Text(Dcterms + "description", "en", "The shape of Kolada v3 (/kpi, /municipality, /data …), paged with page and per_page."),
            Resource(Dcat + "endpointURL", $"{baseUrl}/kolada/v3"),
            Resource(Dcat + "endpointDescription", $"{baseUrl}/openapi/v1.json"),
            new XElement(Dcterms + "publisher", Agent(publisher.Name, publisher.Homepage)),
            Resource(Dcterms + "license", OpenDataTerms.LicenseUrl));

    private static XElement Agent(string name, string? homepage) =>
        new(Foaf + "Agent",
            Text(Foaf + "name", "sv", name),
            Resource(Dcterms + "type", "http://purl.org/adms/publishertype/RegionalAuthority"),
            homepage is null ? null : Resource(Foaf + "homepage", homepage));

    private static XElement Contact(string regionName, CatalogPublisher publisher, string api) =>
        new(Vcard + "Organization",
            Text(Vcard + "fn", "sv", regionName),
            publisher.Email is { } email ? Resource(Vcard + "hasEmail", "mailto:" + email) : null,
            Resource(Vcard + "hasURL", publisher.Homepage ?? api));

    private static XElement Text(XName name, string? language, string text) =>
        language is null ? new XElement(name, text) : new XElement(name, new XAttribute(XNamespace.Xml + "lang", language), text);

    private static XElement Resource(XName name, string uri) => new(name, new XAttribute(Rdf + "resource", uri));

    private static XElement Date(XName name, DateTimeOffset at) =>
        new(name, new XAttribute(Rdf + "datatype", Xsd.NamespaceName + "dateTime"),
            at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
