using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>A hard breach seen live: the page turns the assessment to failed without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BreachTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;

    [Fact]
    public async Task A_tick_through_the_daily_loss_floor_fails_the_assessment_in_the_page_without_a_reload()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync(BrowserHostFactory.TinyLossPlan);
        var dailyLoss = page.Locator("article.objective[data-rule='dailyLoss']");
        await Expect(dailyLoss).ToContainTextAsync("floor 9,900.00", new() { Timeout = DashboardPage.Timeout });
        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        var position = page.Locator($"#positions tr[data-symbol='{Ext}']");
        await Expect(position).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        await page.EvaluateAsync("window.notReloaded = true");   // gone if anything reloaded the page

        // Bid 98.00: unrealized (98.00 − 100.25) × 1 × 50 = −112.50, so equity = 10,000 − commission − 112.50 < 9,900.
        await fixture.Host.QuoteAsync(98.00m, 98.25m);
        await Expect(page.Locator("#assessment-status")).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = DashboardPage.Timeout });
        await Expect(dailyLoss).ToHaveAttributeAsync("data-state", "breached", new() { Timeout = DashboardPage.Timeout });
        // The book flattened the account, and the breach is in the activity feed with the tick that caused it.
        await Expect(position).ToHaveCountAsync(0, new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#activity li[data-kind=breach]")).ToContainTextAsync(Ext, new() { Timeout = DashboardPage.Timeout });
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"));
        await dashboard.ScreenshotAsync("trader-breached");
    }
}
