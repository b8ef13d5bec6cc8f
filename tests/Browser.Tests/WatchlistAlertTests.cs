using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>
/// Watchlists and price alerts on the trading screen (docs/dashboard.md "Watchlists", "Price alerts"): a list made and
/// edited in the page shows its symbols' live prices and selects the chart's instrument; an alert held by the engine
/// fires on the tick the test sends and the page shows it at once, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WatchlistAlertTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;
    private static readonly LocatorAssertionsToContainTextOptions Wait = new() { Timeout = DashboardPage.Timeout };

    [Fact]
    public async Task Add_a_watchlist_symbol_and_an_alert_that_fires_live()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync(BrowserHostFactory.TinyLossPlan);

        // A watchlist: a name the server refuses shows under the field; then "Futures" with TEST-EXT in it.
        var lists = page.Locator("section.watchlists");
        await lists.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator("#watchlist-create [data-error-for=name]")).ToContainTextAsync("printable characters", Wait);
        await lists.GetByLabel("New watchlist").FillAsync("Futures");
        await lists.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator("#watchlist-picker")).ToContainTextAsync("Futures", Wait);
        await lists.GetByLabel("Add symbol").SelectOptionAsync(Ext);
        await lists.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var row = page.Locator($"#watchlist tr[data-symbol='{Ext}']");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });

        // Its prices follow the ticks live.
        await fixture.Host.QuoteAsync(101.00m, 101.25m);
        await Expect(row.Locator("[data-field=bid]")).ToHaveTextAsync("101.00", new() { Timeout = DashboardPage.Timeout });
        await Expect(row.Locator("[data-field=ask]")).ToHaveTextAsync("101.25");

        // Renamed; and a click on the symbol selects the instrument on the chart and the ticket.
        await lists.GetByLabel("Name", new() { Exact = true }).FillAsync("Watched futures");
        await lists.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.Locator("#watchlist-picker option:checked")).ToHaveTextAsync("Watched futures", new() { Timeout = DashboardPage.Timeout });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Select {Ext}" }).ClickAsync();
        await Expect(page.Locator("form.ticket button.primary")).ToContainTextAsync(Ext, Wait);
        await dashboard.WaitTradeViewAsync();
        await Expect(page.Locator("#symbol-picker")).ToHaveValueAsync(Ext);
        await Expect(page.Locator("#watchlist-picker option:checked")).ToHaveTextAsync("Watched futures", new() { Timeout = DashboardPage.Timeout });

        // An alert: a level the server refuses shows under the level field; then "bid at or above 102.00".
        var alerts = page.Locator("#alert-form");
        await alerts.GetByLabel("Symbol").SelectOptionAsync(Ext);
        await alerts.GetByLabel("When the price").SelectOptionAsync("above");
        await alerts.GetByLabel("Price", new() { Exact = true }).SelectOptionAsync("bid");
        await alerts.GetByLabel("Level").FillAsync("0");
        await alerts.GetByRole(AriaRole.Button, new() { Name = "Create alert" }).ClickAsync();
        await Expect(alerts.Locator("[data-error-for=level]")).ToContainTextAsync("greater than 0", Wait);
        await alerts.GetByLabel("Level").FillAsync("102");
        await alerts.GetByRole(AriaRole.Button, new() { Name = "Create alert" }).ClickAsync();
        var alertRow = page.Locator("#alerts tbody tr[data-state]");
        await Expect(alertRow).ToHaveAttributeAsync("data-state", "armed", new() { Timeout = DashboardPage.Timeout });
        await Expect(alertRow).ToContainTextAsync($"{Ext} bid at or above 102.00");
        await page.EvaluateAsync("window.notReloaded = true");

        // Ask 102.00 but bid 101.75: the bid alert waits. Bid 102.00: it fires on exactly this tick.
        await fixture.Host.QuoteAsync(101.75m, 102.00m);
        var firing = await fixture.Host.QuoteAsync(102.00m, 102.25m);
        await fixture.Host.QuoteAsync(102.50m, 102.75m);
        var notice = page.Locator("#alert-notices .notice");
        await Expect(notice).ToContainTextAsync($"Alert fired: {Ext} bid at or above 102.00", Wait);
        await Expect(notice).ToContainTextAsync($"102.00 at", Wait);
        await Expect(notice).ToContainTextAsync($"tick #{firing.Sequence})", Wait);
        await Expect(alertRow).ToHaveAttributeAsync("data-state", "fired", new() { Timeout = DashboardPage.Timeout });
        await Expect(alertRow.Locator("[data-field=fired]")).ToContainTextAsync($"102.00 (bid 102.00 / ask 102.25, tick #{firing.Sequence})", Wait);
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"));
        await Expect(notice).ToHaveCountAsync(1);
        await dashboard.ScreenshotAsync("trader-alert-fired");

        // Deleting it and the symbol leaves both lists empty.
        await notice.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(notice).ToHaveCountAsync(0);
        await alertRow.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#alerts tr.none")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove {Ext}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = DashboardPage.Timeout });
        await lists.GetByRole(AriaRole.Button, new() { Name = "Delete list" }).ClickAsync();
        await Expect(page.Locator("#watchlist-picker")).ToContainTextAsync("No watchlists", Wait);
        // The browser logs the two refused requests (400); nothing else went wrong in the page.
        Assert.Equal(2, dashboard.ConsoleErrors.Count);
        Assert.All(dashboard.ConsoleErrors, e => Assert.Contains("status of 400", e));
    }
}
