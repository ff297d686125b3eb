using Microsoft.Playwright;

namespace Styra.Web.Tests.Infrastructure;

/// <summary>The machine's Chromium (no `playwright install`), started headless with the network kept quiet.</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("STYRA_TEST_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
