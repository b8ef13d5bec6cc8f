using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>
/// The equity curve with its floors (docs/dashboard.md "Equity curve"), read from the chart's own series data, not its
/// pixels: on the tiny-daily-loss plan ($10,000, $100 daily loss anchored on the balance, $1,000 static overall loss) the
/// daily-loss floor is 9,900 and the overall floor 9,000, and the equity line follows a live tick.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EquityCurveTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;

    private sealed record Point(long Time, decimal Value);

    private sealed record Lines(List<Point> Equity, List<Point> OverallFloor, List<Point> DailyFloor);

    private static async Task<Lines> LinesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("window.crucible.equityChart.snapshot()");
        return json.Deserialize<Lines>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Fact]
    public async Task The_equity_curve_draws_the_overall_and_daily_loss_floors_and_follows_live_ticks()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync(BrowserHostFactory.TinyLossPlan);

        var chart = page.Locator("#equity-chart");
        await Expect(chart).ToHaveAttributeAsync("data-daily-floor", "9900", new() { Timeout = DashboardPage.Timeout });
        await Expect(chart).ToHaveAttributeAsync("data-overall-floor", "9000", new() { Timeout = DashboardPage.Timeout });
        await Expect(chart).ToHaveAttributeAsync("data-equity", "10000", new() { Timeout = DashboardPage.Timeout });
        var before = await LinesAsync(page);
        Assert.All(before.DailyFloor, p => Assert.Equal(9_900m, p.Value));
        Assert.All(before.OverallFloor, p => Assert.Equal(9_000m, p.Value));
        Assert.NotEmpty(before.DailyFloor);
        Assert.NotEmpty(before.OverallFloor);

        // Buy one at the ask 100.25, then bid 100.75: unrealized (100.75 − 100.25) × 1 × 50 = +25.00.
        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        await Expect(page.Locator($"#positions tr[data-symbol='{Ext}']")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        var commission = decimal.Parse((await page.Locator("#activity li[data-kind=fill]").First.InnerTextAsync()).Split("commission ")[1], CultureInfo.InvariantCulture);
        await fixture.Host.QuoteAsync(100.75m, 101.00m);
        var equity = 10_000m - commission + 25.00m;
        await Expect(chart).ToHaveAttributeAsync("data-equity", equity.ToString(CultureInfo.InvariantCulture), new() { Timeout = DashboardPage.Timeout });

        var after = await LinesAsync(page);
        Assert.Equal(equity, after.Equity[^1].Value);
        Assert.Equal(9_900m, after.DailyFloor[^1].Value);
        Assert.Equal(9_000m, after.OverallFloor[^1].Value);
        // The lines share the time axis: each ends on the equity's last minute.
        Assert.Equal(after.Equity[^1].Time, after.DailyFloor[^1].Time);
        Assert.Equal(after.Equity[^1].Time, after.OverallFloor[^1].Time);
        await Expect(page.Locator($"#positions tr[data-symbol='{Ext}'] [data-field=unrealized]")).ToHaveTextAsync("+25.00");
        await dashboard.ScreenshotAsync("trader-equity-curve");
    }
}
