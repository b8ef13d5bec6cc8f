using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>
/// A trader in the dashboard, end to end in headless Chromium against the real host. Prices of TEST-EXT (tick 0.25,
/// lot 1, multiplier 50) are set by the test, so every P&amp;L below is computed by hand:
/// a long is marked to the bid, unrealized = (bid − average entry) × quantity × multiplier (docs/trading.md).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TradingScreenTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;
    private static readonly LocatorAssertionsToContainTextOptions Wait = new() { Timeout = DashboardPage.Timeout };

    private static string Money(decimal value) => value.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Register_buy_a_plan_buy_at_market_and_the_position_and_pnl_follow_live_ticks()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);

        await dashboard.RegisterAsync();
        await Expect(page.Locator("article.plan[data-plan='classic-2step-100k']")).ToContainTextAsync("Equity may never fall below $90,000.00", Wait);
        await dashboard.ScreenshotAsync("plans-desktop");
        await dashboard.BuyPlanAsync("classic-2step-100k");

        // One card per objective and limit of the phase, from the engine's evaluation.
        var dailyLoss = page.Locator("article.objective[data-rule='dailyLoss']");
        await Expect(dailyLoss).ToHaveAttributeAsync("data-state", "ok", new() { Timeout = DashboardPage.Timeout });
        await Expect(dailyLoss).ToContainTextAsync("floor 95,000.00", Wait);
        await Expect(dailyLoss.Locator(".reset")).ToContainTextAsync("Europe/Prague", Wait);
        await Expect(page.Locator("article.objective[data-rule='profitTarget']")).ToHaveAttributeAsync("data-state", "open");

        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();

        // Bought 2 at the ask, 100.25; marked at the bid 100.00: (100.00 − 100.25) × 2 × 50 = −25.00.
        var position = page.Locator($"#positions tr[data-symbol='{Ext}']");
        await Expect(position).ToContainTextAsync("100.25", Wait);
        await Expect(position.Locator("[data-field=unrealized]")).ToHaveTextAsync("−25.00", new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator(".chart[data-fills='1']")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        // The fill moves the phase's numbers before any tick: equity = 100,000 − commission − 25.00.
        var commission = decimal.Parse((await page.Locator("#activity li[data-kind=fill]").First.InnerTextAsync()).Split("commission ")[1],
            System.Globalization.CultureInfo.InvariantCulture);
        await Expect(dailyLoss.Locator(".value")).ToContainTextAsync($"equity {Money(100_000m - commission - 25m)}", Wait);

        // A live tick: (101.50 − 100.25) × 2 × 50 = +125.00, in the row and (from the engine) in the account summary.
        await fixture.Host.QuoteAsync(101.50m, 101.75m);
        await Expect(position.Locator("[data-field=unrealized]")).ToHaveTextAsync("+125.00", new() { Timeout = DashboardPage.Timeout });
        await Expect(position.Locator("[data-field=mark]")).ToHaveTextAsync("101.50");
        await Expect(page.Locator("#account-summary [data-key=unrealized]")).ToHaveTextAsync("+125.00", new() { Timeout = DashboardPage.Timeout });
        // The daily-loss card follows the engine's equity: balance (100,000 less the fill's commission) + 125.00.
        var equity = 100_000m - commission + 125m;
        await Expect(page.Locator("#account-summary [data-key=equity]")).ToHaveTextAsync(Money(equity));
        await Expect(dailyLoss.Locator(".value")).ToContainTextAsync($"equity {Money(equity)}", Wait);
        await Expect(dailyLoss.Locator(".detail")).ToContainTextAsync($"room {Money(equity - 95_000m)}", Wait);
        await dashboard.ScreenshotAsync("trader-desktop");

        // Close it at the bid, 101.50: realized (101.50 − 100.25) × 2 × 50 = +125.00.
        await position.GetByRole(AriaRole.Button, new() { Name = $"Close {Ext}" }).ClickAsync();
        await Expect(position).ToHaveCountAsync(0, new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#account-summary [data-key=realized]")).ToHaveTextAsync("+125.00", new() { Timeout = DashboardPage.Timeout });
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task A_bracket_shows_its_legs_on_the_chart_and_in_the_list_and_canceling_the_entry_cancels_them()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);

        await page.GetByLabel("Type").SelectOptionAsync("limit");
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByLabel("Limit price").FillAsync("90.00");
        await page.GetByLabel("Bracket: take profit and stop loss").CheckAsync();
        await page.GetByLabel("Take profit (limit)").FillAsync("95.00");
        await page.GetByLabel("Stop loss (stop)").FillAsync("85.00");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();

        // The entry works; its two legs are held until it fills. Each has a line on the chart.
        await Expect(page.Locator(".ticket-status")).ToContainTextAsync("accepted", new() { Timeout = DashboardPage.Timeout });
        var orders = page.Locator("#orders tbody tr[data-order]");
        await Expect(orders).ToHaveCountAsync(3, new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#orders tbody tr[data-status='held']")).ToHaveCountAsync(2);
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-order-lines", "3");
        await Expect(orders.First).ToContainTextAsync("90.00");

        var entry = page.Locator("#orders tbody tr[data-status='accepted']");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(orders).ToHaveCountAsync(0, new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-order-lines", "0");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task A_working_limit_order_is_replaced_in_the_list_and_an_off_tick_replacement_is_refused_at_its_field()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByLabel("Type").SelectOptionAsync("limit");
        await page.GetByLabel("Limit price").FillAsync("90.00");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        var orders = page.Locator("#orders tbody tr[data-order]");
        await Expect(orders).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        var firstId = await orders.First.GetAttributeAsync("data-order");

        await orders.First.GetByRole(AriaRole.Button, new() { Name = $"Replace {firstId}" }).ClickAsync();
        var form = page.Locator("form.replace-form");
        await form.GetByLabel("New limit price").FillAsync("91.10");
        await form.GetByRole(AriaRole.Button, new() { Name = "Replace order" }).ClickAsync();
        await Expect(form.Locator("[data-error-for='limitPrice']")).ToHaveTextAsync("The price must be a multiple of the instrument's tick size.", new() { Timeout = DashboardPage.Timeout });

        await form.GetByLabel("New limit price").FillAsync("91.00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Replace order" }).ClickAsync();
        // The old order is replaced by a new one at 91.00; the chart's line moves with it.
        await Expect(orders).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        await Expect(orders.First).Not.ToHaveAttributeAsync("data-order", firstId!, new() { Timeout = DashboardPage.Timeout });
        await Expect(orders.First).ToContainTextAsync("91.00");
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-order-lines", "1");
    }

    [Fact]
    public async Task The_servers_field_error_is_shown_next_to_the_field()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);

        // 100.10 is off the 0.25 tick grid: the book refuses it, naming limitPrice.
        await page.GetByLabel("Type").SelectOptionAsync("limit");
        await page.GetByLabel("Limit price").FillAsync("100.10");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        var error = page.Locator("[data-error-for='limitPrice']");
        await Expect(error).ToHaveTextAsync("The price must be a multiple of the instrument's tick size.", new() { Timeout = DashboardPage.Timeout });
        await Expect(page.GetByLabel("Limit price")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#orders tbody tr[data-order]")).ToHaveCountAsync(0);

        // A declined card is named on the plan's card field.
        await dashboard.GotoAsync("#/plans");
        var plan = page.Locator("article.plan[data-plan='classic-2step-100k']");
        await plan.GetByLabel("Card").SelectOptionAsync("tok_decline");
        await plan.GetByRole(AriaRole.Button).Filter(new() { HasTextString = "Buy for" }).ClickAsync();
        await Expect(plan.Locator("[data-error-for='paymentToken']")).Not.ToBeEmptyAsync(new() { Timeout = DashboardPage.Timeout });
    }

    [Fact]
    public async Task On_a_phone_the_trading_screen_fits_390_pixels()
    {
        await using var dashboard = await fixture.OpenAsync(390, 844);
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.ScreenshotAsync("plans-phone");
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        await Expect(page.Locator($"#positions tr[data-symbol='{Ext}']")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });

        // Nothing wider than the screen: no sideways scrolling of the page (wide tables scroll inside their cards).
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide");
        await dashboard.ScreenshotAsync("trader-phone");
    }
}
