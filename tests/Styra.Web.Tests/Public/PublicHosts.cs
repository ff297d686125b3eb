using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Public;

/// <summary>The public pages in the browser: a host of their own on a loopback port, the demo as it is.</summary>
public sealed class PublicBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;

    // The crawl, axe and the chart images ask far more than a reader would within a minute; the rate limit has tests of its own.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["PublicApi:PermitLimit"] = "100000" };
}

/// <summary>The public pages over plain HTTP, the demo as it is.</summary>
public sealed class PublicHost() : StyraHost("Sqlite");

/// <summary>Hosts whose data the unpublished-content tests change (markers in drafts, unpublished and scheduled events).</summary>
public sealed class PublicMarkersSqliteHost() : StyraHost("Sqlite");

public sealed class PublicMarkersPostgresHost() : StyraHost("Postgres");
