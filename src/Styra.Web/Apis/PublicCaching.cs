using Microsoft.Net.Http.Headers;
using Styra.Features.Publishing;

namespace Styra.Web.Apis;

/// <summary>
/// The public pages change only when something public changes — an import, an audited change, a publication whose
/// time comes — so each answer carries that stamp (<see cref="PublishedContent.StampAsync"/>, with the language) as an
/// ETag, and a reader's browser or a cache that already holds the page gets 304 Not Modified.
/// </summary>
public static class PublicCaching
{
    public static IApplicationBuilder UsePublicCaching(this IApplicationBuilder app) =>
        app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) && c.Request.Path.StartsWithSegments("/public"), branch => branch.Use(async (context, next) =>
        {
            var stamp = await context.RequestServices.GetRequiredService<PublishedContent>().StampAsync(context.RequestAborted);
            var etag = new EntityTagHeaderValue($"\"{stamp.Tag}-{(Lang.IsEnglish ? "en" : "sv")}\"", isWeak: true);
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.Headers.ETag = etag.ToString();
                return;
            }
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.Headers.ETag = etag.ToString();
                    // Kept, but asked about again each time: a publication can come due at any moment.
                    context.Response.Headers.CacheControl = "public, no-cache";
                    context.Response.Headers.LastModified = stamp.LastModified.ToString("R");
                }
                return Task.CompletedTask;
            });
            await next(context);
        }));
}
