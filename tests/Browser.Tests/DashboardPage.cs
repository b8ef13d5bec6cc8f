using Microsoft.Playwright;

namespace Crucible.Browser.Tests;

/// <summary>One page of the dashboard in its own browser context, with the steps the tests share.</summary>
public sealed class DashboardPage(BrowserFixture fixture, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public List<string> ConsoleErrors { get; } = Watch(page);

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    public static float Timeout => 20_000;

    public async Task GotoAsync(string hash = "")
    {
        await page.GotoAsync("/" + hash);
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
    }

    /// <summary>Registers a new user through the form; lands on the plan catalogue.</summary>
    public async Task<string> RegisterAsync()
    {
        var email = $"trader-{Guid.NewGuid():N}@example.com";
        await GotoAsync("#/register");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse 9 battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Challenge plans" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        return email;
    }

    /// <summary>Buys a plan with the approved simulated card; lands on its account's trading screen.</summary>
    public async Task BuyPlanAsync(string planId)
    {
        var plan = page.Locator($"article.plan[data-plan='{planId}']");
        await plan.GetByLabel("Card").SelectOptionAsync("tok_visa");
        await plan.GetByRole(AriaRole.Button).Filter(new() { HasTextString = "Buy for" }).ClickAsync();
        await Assertions.Expect(page.Locator("#assessment-status")).ToContainTextAsync("active", new() { Timeout = Timeout });
        await WaitTradeViewAsync();
    }

    /// <summary>The trading screen has loaded its account and subscribed to its quotes and events (it marks its container then).</summary>
    public async Task WaitTradeViewAsync()
    {
        await Assertions.Expect(page.Locator(".view[data-account]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        await WaitLiveAsync();
    }

    public Task WaitLiveAsync() =>
        Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Timeout });

    public async Task SelectSymbolAsync(string symbol)
    {
        await page.Locator("#symbol-picker").SelectOptionAsync(symbol);
        await Assertions.Expect(page.Locator("form.ticket button.primary")).ToContainTextAsync(symbol, new() { Timeout = Timeout });
        await WaitTradeViewAsync();
    }

    /// <summary>Saves a full-page screenshot under the test output's screenshots folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        // From the top, so the sticky header is where a reader expects it in a full-page picture.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    public BrowserFixture Fixture => fixture;
}
