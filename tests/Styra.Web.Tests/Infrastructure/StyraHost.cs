using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Styra.Web.Tests.Infrastructure;

/// <summary>
/// The real Styra web host on a fresh database (SQLite file, or a new database on the PostgreSQL server that
/// ./test.sh starts), created, migrated and filled with the demo regions by the host itself, as on first start.
/// </summary>
public abstract class StyraHost : IAsyncLifetime
{
    private readonly string _provider;
    private string? _folder;
    private string? _postgresDatabase;

    protected StyraHost(string provider) => _provider = provider;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Whether the host listens on a real loopback port (for the browser).</summary>
    protected virtual bool RealPort => false;

    /// <summary>The hosting environment (Development unless a host says otherwise).</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>Settings beyond the database's.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The address of the real server, when <see cref="RealPort"/> is on.</summary>
    public Uri BaseAddress => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task InitializeAsync()
    {
        if (_provider == "Postgres")
        {
            var admin = Environment.GetEnvironmentVariable("STYRA_TEST_POSTGRES")
                ?? throw new InvalidOperationException("STYRA_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");
            _postgresDatabase = $"styra_web_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", connection);
            await command.ExecuteNonQueryAsync();
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase, Pooling = false }.ConnectionString;
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("styra-web-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_folder, "styra.db")};Pooling=False";
        }

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(EnvironmentName);
            web.UseSetting("Database:Provider", _provider);
            web.UseSetting("ConnectionStrings:Styra", ConnectionString);
            web.UseSetting("Database:DemoData", "true");
            foreach (var (key, value) in Settings) web.UseSetting(key, value);
        });
        if (RealPort)
        {
            Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            Factory.StartServer();
        }
        else
        {
            using var _ = Factory.CreateClient();
        }
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
        if (_postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("STYRA_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

public sealed class SqliteHost() : StyraHost("Sqlite");

public sealed class PostgresHost() : StyraHost("Postgres");

/// <summary>A host of its own for tests that change data (so that other test classes see the demo as it is).</summary>
public sealed class EditingHost() : StyraHost("Sqlite");

/// <summary>A host of its own for tests that try to change data without the right role.</summary>
public sealed class ReadOnlyHost() : StyraHost("Sqlite");

/// <summary>The Production environment: no demo accounts, and none accepted.</summary>
public sealed class ProductionHost() : StyraHost("Sqlite")
{
    protected override string EnvironmentName => "Production";
}

public sealed class BrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}
