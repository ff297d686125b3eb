using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Scalar.AspNetCore;
using Styra.Data;
using Styra.Web;
using Styra.Web.Accounts;
using Styra.Web.Apis;
using Styra.Web.Components;

var builder = WebApplication.CreateBuilder(args);

// Demo accounts never exist in Production: not created there, and refused there if a database brought them along.
if (builder.Environment.IsProduction()) builder.Configuration["Database:DemoAccounts"] = "false";
builder.Services.AddStyraCore(builder.Configuration);
builder.AddStyraAuthentication();
builder.Services.AddDataProtection().SetApplicationName("Styra").PersistKeysToDbContext<StyraDbContext>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
{
    400 => "The request's parameters are missing or malformed; the OpenAPI document (/openapi/v1.json) lists each route's parameters.",
    404 => $"No API route matches {c.HttpContext.Request.Path}; the OpenAPI document (/openapi/v1.json) lists the routes.",
    _ => null,
});
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Styra API";
    doc.Info.Description = "Regions, their organisation, plans and goal trees.";
    return Task.CompletedTask;
}));
builder.Services.AddPublicApiProtection(builder.Configuration);
builder.Services.AddRazorComponents();
// Planners upload value files of up to 100 MB in all from the import page (larger ones go through `styra import`);
// every other request keeps Kestrel's default limit (30 MB).
const long MaxUpload = 100L * 1024 * 1024;
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = MaxUpload);
// Write Swedish letters as they are (å, ä, ö), not as numeric character references.
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddLocalization();
builder.Services.AddScoped<Styra.Web.Components.Pages.Public.PublicEconomy>();

var app = builder.Build();

await StyraDatabase.InitializeAsync(app.Services);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
// API errors without a body become ProblemDetails; pages get the "not found" page.
static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/kolada");
app.UseWhen(IsApi, api => api.UseStatusCodePages());
app.UseWhen(c => !IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRequestLocalization(o =>
{
    o.SetDefaultCulture(Lang.Swedish.Name).AddSupportedCultures(Lang.Swedish.Name, Lang.English.Name).AddSupportedUICultures(Lang.Swedish.Name, Lang.English.Name);
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
});
app.Use((context, next) =>
{
    if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value is { } path
        && path.StartsWith("/regions/", StringComparison.Ordinal) && path.EndsWith("/import", StringComparison.Ordinal)
        && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        limit.MaxRequestBodySize = MaxUpload;
    return next(context);
});
app.UseStaticFiles();
// Routing after the status-code pages, so that the re-executed "/not-found" request is routed again.
app.UseRouting();
app.UseRateLimiter();
// Validators (ETag, 304) of the public pages, after the limiter so that it counts them too.
app.UsePublicCaching();
app.UseAuthentication();
app.UseAuthorization();
// API writes signed in by the session cookie must be JSON or carry X-Styra-Request: neither can a form on another
// site send without the browser asking first (CORS), so a page elsewhere cannot act with a person's session.
// Token calls (Authorization: Bearer) are not at risk and pass as they are.
app.Use((context, next) =>
{
    var request = context.Request;
    if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && !HttpMethods.IsOptions(request.Method) && request.Headers.Authorization.Count == 0
        && context.User.Identity?.IsAuthenticated == true
        && !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false)
        && !request.Headers.ContainsKey("X-Styra-Request"))
        return Results.Problem(statusCode: 400, title: "Not a JSON request",
            detail: "With a session cookie, API writes must send JSON (Content-Type: application/json) or the header X-Styra-Request: 1; integrations use an API token.")
            .ExecuteAsync(context);
    return next(context);
});
app.UseAntiforgery();
app.UsePublicApiCaching();

app.MapOpenApi();
if (app.Environment.IsDevelopment())
    app.MapScalarApiReference("/api/docs", o => o.WithTitle("Styra API"));

app.MapAccountEndpoints();
app.MapRegionsApi();
app.MapPlansApi();
app.MapIndicatorsApi();
app.MapIndicatorCharts();
app.MapPublicCharts();
app.MapFollowUpApi();
app.MapEconomyApi();
app.MapMonthlyEconomyApi();
app.MapReportsApi();
app.MapPublishingApi();
app.MapCareOfferApi();
app.MapCareOfferChecksApi();
app.MapOpenDataApi();
app.MapKoladaApi();
app.MapActionPlansApi();
app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
{
    var chosen = culture == "en" ? Lang.English : Lang.Swedish;
    http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
        new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    return Results.LocalRedirect(RedirectHttpResult.IsLocalUrl(returnUrl) ? Lang.WithoutCultureQuery(returnUrl!) : "/");
}).ExcludeFromDescription();

app.MapRazorComponents<App>();

app.Run();

public partial class Program;
