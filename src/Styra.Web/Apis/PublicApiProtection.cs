using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Styra.Features.Publishing;

namespace Styra.Web.Apis;

/// <summary>
/// What guards the anonymous, public routes — the open-data API (<c>/api/open</c>), the Kolada-compatible API
/// (<c>/kolada</c>) and the public pages (<c>/public</c>): a rate limit per client address, answered with 429, a
/// Retry-After and a ProblemDetails; and, for the two APIs, validators (ETag, Last-Modified, 304), Cache-Control and the
/// server's output cache, all keyed on <see cref="PublishedContent.StampAsync"/>, so that a publication, an approval or
/// an import shows at once. Nothing here touches the signed-in routes.
/// </summary>
public static class PublicApiProtection
{
    /// <summary>The output-cache policy of the open routes.</summary>
    public const string CachePolicy = "open-data";

    private const string StampKey = "Styra.PublicStamp";

    /// <summary>The routes the limiter counts: everything anyone can read without signing in.</summary>
    public static bool IsRateLimited(PathString path) =>
        path.StartsWithSegments("/api/open") || path.StartsWithSegments("/kolada") || path.StartsWithSegments("/public");

    /// <summary>The routes that carry validators and are kept in the output cache: the two machine-readable APIs.</summary>
    public static bool IsOpenApi(PathString path) => path.StartsWithSegments("/api/open") || path.StartsWithSegments("/kolada");

    public static IServiceCollection AddPublicApiProtection(this IServiceCollection services, IConfiguration configuration)
    {
        // Defaults fit people and scripts (a Kolada client pages through 5,000 rows a request); a load test or a
        // portal's harvester behind one address may be given more with PublicApi:PermitLimit.
        var permits = configuration.GetValue("PublicApi:PermitLimit", 600);
        var window = TimeSpan.FromSeconds(configuration.GetValue("PublicApi:WindowSeconds", 60));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsRateLimited(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            o.OnRejected = async (rejected, ct) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : (int)Math.Ceiling(window.TotalSeconds);
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This address has made more than {permits} requests in {window.TotalSeconds:0} seconds to Styra's public pages and open data. "
                            + $"Try again in {seconds} seconds (Retry-After). Answers carry ETag and Last-Modified: ask with If-None-Match to get a cheap 304.",
                        Extensions = { ["retryAfterSeconds"] = seconds },
                    },
                });
            };
        });
        var maxAge = configuration.GetValue("PublicApi:MaxAgeSeconds", 60);
        services.AddSingleton(new PublicCacheSettings(maxAge));
        services.AddOutputCache(o =>
            // The default policy stays in: GET and HEAD only, never for a request with credentials, never a response with a cookie.
            // No locking (request collapsing): with it, a request whose client went away mid-answer (a browser leaving a
            // page while its charts load) could leave later requests for the same entry waiting, and a browser's six
            // connections stuck behind them hung its next navigation (dotnet/aspnetcore#52310, #66877). Two identical
            // misses at once are now both computed; the cache keeps one.
            o.AddPolicy(CachePolicy, b => b.AddPolicy<StampVary>().Expire(TimeSpan.FromMinutes(10)).SetLocking(false)));
        return services;
    }

    /// <summary>The pipeline's part: validators and 304 on the open APIs, then the output cache.</summary>
    public static IApplicationBuilder UsePublicApiCaching(this WebApplication app)
    {
        app.UseWhen(c => IsOpenApi(c.Request.Path) && (HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)),
            open => open.Use(ValidateAsync));
        app.UseOutputCache();
        return app;
    }

    /// <summary>What every open route may answer besides its own results, for the OpenAPI document: 304 and 429.</summary>
    public static TBuilder ProducesPublicAnswers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)),
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"]));

    /// <summary>The stamp of the public content, read once a request.</summary>
    public static async ValueTask<PublicStamp> StampAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Items[StampKey] is PublicStamp known) return known;
        var stamp = await http.RequestServices.GetRequiredService<PublishedContent>().StampAsync(ct);
        http.Items[StampKey] = stamp;
        return stamp;
    }

    private static async Task ValidateAsync(HttpContext http, Func<Task> next)
    {
        var stamp = await StampAsync(http, http.RequestAborted);
        var etag = new EntityTagHeaderValue($"\"{stamp.Tag}\"", isWeak: true);
        // HTTP dates have whole seconds: compare at that precision, or If-Modified-Since never matches.
        var modified = DateTimeOffset.FromUnixTimeSeconds(stamp.LastModified.ToUnixTimeSeconds());
        var maxAge = http.RequestServices.GetRequiredService<PublicCacheSettings>().MaxAgeSeconds;
        void Validators()
        {
            var headers = http.Response.GetTypedHeaders();
            headers.ETag = etag;
            headers.LastModified = modified;
            headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(maxAge) };
        }
        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch is { Count: > 0 } tags
            ? tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && modified <= since;
        if (notModified)
        {
            Validators();
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status200OK) Validators();
            return Task.CompletedTask;
        });
        await next();
    }

    /// <summary>
    /// Varies the output cache by the stamp of the public content, so a change is never answered from an old entry, and by
    /// the language. Used by the open APIs and the public pages' charts (the pages themselves carry ETags but are not kept: see
    /// docs/benchmarks.md).
    /// </summary>
    internal sealed class StampVary : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
        {
            context.CacheVaryByRules.VaryByValues["stamp"] = (await StampAsync(context.HttpContext, ct)).Tag;
            // The public pages and charts are in the reader's language (query or cookie, set by request localisation).
            context.CacheVaryByRules.VaryByValues["lang"] = Lang.IsEnglish ? "en" : "sv";
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;
    }
}

/// <summary>How long clients may keep an open-data answer without asking again (Cache-Control max-age).</summary>
public sealed record PublicCacheSettings(int MaxAgeSeconds);
