using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>Signing in and out, staying signed in across a reload (refresh-token rotation), and paper accounts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;

    [Fact]
    public async Task A_reload_keeps_the_trader_signed_in_and_sign_out_then_sign_in_works_while_a_wrong_password_is_refused()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        var email = await dashboard.RegisterAsync();

        // The access token lives in memory only: after a reload the page rotates the tab's refresh token for a new one.
        await page.ReloadAsync();
        await Expect(page.Locator("body[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#who")).ToContainTextAsync(email, new() { Timeout = DashboardPage.Timeout });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(new() { Timeout = DashboardPage.Timeout });

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".form-error")).Not.ToBeEmptyAsync(new() { Timeout = DashboardPage.Timeout });

        await page.GetByLabel("Password").FillAsync("correct horse 9 battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // No account yet: the trade view offers the plans and a paper account.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No account yet" })).ToBeVisibleAsync(new() { Timeout = DashboardPage.Timeout });
    }

    [Fact]
    public async Task A_paper_account_trades_on_the_same_screen_without_objective_cards()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.GotoAsync("#/trade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a paper account" }).ClickAsync();
        await Expect(page.Locator("#account-summary [data-key=equity]")).ToHaveTextAsync("100,000.00", new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("article.objective")).ToHaveCountAsync(0);
        await dashboard.SelectSymbolAsync(Ext);

        // A sell opens a short marked to the ask: (100.00 − 100.25) × 3 × 50 = −37.50; then the ask falls to 99.50:
        // (100.00 − 99.50) × 3 × 50 = +75.00.
        await page.GetByLabel("Side").SelectOptionAsync("sell");
        await page.GetByLabel("Quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sell {Ext}" }).ClickAsync();
        var unrealized = page.Locator($"#positions tr[data-symbol='{Ext}'] [data-field=unrealized]");
        await Expect(unrealized).ToHaveTextAsync("−37.50", new() { Timeout = DashboardPage.Timeout });
        await fixture.Host.QuoteAsync(99.25m, 99.50m);
        await Expect(unrealized).ToHaveTextAsync("+75.00", new() { Timeout = DashboardPage.Timeout });
        Assert.Empty(dashboard.ConsoleErrors);
    }
}
