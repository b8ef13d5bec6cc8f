using Microsoft.Playwright;

namespace Crucible.Browser.Tests;

/// <summary>
/// One host and one headless Debian Chromium for the browser tests. Playwright never downloads a browser here: it
/// launches /usr/bin/chromium (CRUCIBLE_CHROMIUM overrides), and the tests fail at once, saying so, when it is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public BrowserHostFactory Host { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Host.ServerAddress;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CRUCIBLE_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {chromium} (Debian: apt-get install -y chromium; .ci/run installs it). " +
                "Playwright is not allowed to download a browser.");
        _ = Host.ServerAddress;   // start the host before the browser
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage) at a viewport, with the page's console errors collected.</summary>
    public async Task<DashboardPage> OpenAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = ColorScheme.Dark,
        });
        var page = await context.NewPageAsync();
        return new DashboardPage(this, context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        Playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
