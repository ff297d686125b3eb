using Microsoft.Playwright;

namespace Styra.Web.Tests.Infrastructure;

/// <summary>
/// A test class that drives the machine's Chromium (no `playwright install`), headless, with the browser's own
/// network traffic switched off.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("STYRA_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    protected Task<IPage> NewPageAsync(int width = 1280, int height = 900) =>
        _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

    /// <summary>Signs the page in through the login form, as a person would.</summary>
    /// <remarks>
    /// Signing in is the set-up of the tests that use it, not their subject (the login itself has its own tests). On the
    /// loaded CI machine the redirect after the post has now and then not come within 30 s; the step is then tried once
    /// more, and a second failure reports where the page stood and what it said.
    /// </remarks>
    protected static async Task LoginAsync(IPage page, Uri baseAddress, string email, string password = Styra.Features.Accounts.DemoAccounts.Password)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(baseAddress, "/login").ToString());
            await page.FillAsync("#login-email", email);
            await page.FillAsync("#login-password", password);
            await page.ClickAsync("form[method=post] button[type=submit].primary");
            try
            {
                await page.WaitForURLAsync(u => !u.Contains("/login"), new PageWaitForURLOptions { Timeout = 20_000 });
                return;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                Console.Error.WriteLine($"Login as {email} did not redirect within 20 s (at {page.Url}); trying once more.");
            }
            catch (TimeoutException e)
            {
                var text = await page.InnerTextAsync("body");
                throw new TimeoutException($"Login as {email} did not redirect twice; the page is {page.Url} and says: {text[..Math.Min(600, text.Length)]}", e);
            }
        }
    }

    /// <summary>Saves a full-page screenshot beside the test binaries (screenshots/NAME.png), for people to look at.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}
