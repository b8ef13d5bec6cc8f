using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>
/// Issue #15's page-load budget: the trading screen is interactive within 2 s on the embedded engine and draws 10 live
/// updates a second without dropping the connection. The counts (every one of 50 quotes drawn, in order, no gap, no
/// resync, the indicator live throughout) are asserted always. The 2 s is a speed target, so by the house rule it is
/// asserted only when <c>CRUCIBLE_PAGE_BUDGET=1</c> (bench/page-load/run.sh, on an idle machine); the measured figures
/// are always written to the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageBudgetTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;
    private const int Updates = 50;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
    private const double InteractiveBudgetMs = 2_000;

    [Fact]
    public async Task The_trader_view_becomes_interactive_and_draws_ten_updates_a_second_without_dropping_the_connection()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.GotoAsync("#/trade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a paper account" }).ClickAsync();
        await dashboard.WaitTradeViewAsync();
        await dashboard.SelectSymbolAsync(Ext);

        // A fresh navigation to the trading screen (the tab keeps its session and chosen symbol): navigation start to
        // the page's "crucible:interactive" mark.
        await page.ReloadAsync();
        await dashboard.WaitTradeViewAsync();
        var interactiveMs = await page.EvaluateAsync<double?>(
            "() => performance.getEntriesByName('crucible:interactive')[0]?.startTime ?? null") ?? double.NaN;
        Assert.False(double.IsNaN(interactiveMs), "the page never set performance.mark('crucible:interactive')");
        var before = await StatsAsync(page);

        // 50 quotes, one every 100 ms: alternating prices, so every one is a visible change.
        var sent = new List<long>(Updates);
        var clock = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(Every))
        {
            for (var i = 0; i < Updates; i++)
            {
                var bid = i % 2 == 0 ? 100.25m : 100.00m;
                sent.Add((await fixture.Host.QuoteAsync(bid, bid + 0.25m)).Sequence);
                if (i < Updates - 1) await timer.WaitForNextTickAsync();
            }
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Expect(page.Locator("#quote-line [data-sequence]"))
            .ToHaveAttributeAsync("data-sequence", sent[^1].ToString(CultureInfo.InvariantCulture), new() { Timeout = DashboardPage.Timeout });
        var after = await StatsAsync(page);

        var drawn = after.Shown.Where(s => s >= sent[0]).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interactive {interactiveMs:F0} ms after navigation start (budget {InteractiveBudgetMs:F0} ms); " +
            $"{sent.Count} quotes sent in {sendSeconds:F2} s ({sent.Count / sendSeconds:F1}/s), {drawn.Count} drawn; " +
            $"gaps {after.Gaps - before.Gaps}, resyncs {after.Resyncs - before.Resyncs}, reconnects {after.Reconnects - before.Reconnects}; " +
            $"indicator states after load: {string.Join(",", after.States.Skip(before.States.Length).DefaultIfEmpty("(no change)"))}; " +
            $"load average {LoadAverage()}"));

        Assert.True(sent.Zip(sent.Skip(1)).All(p => p.Second == p.First + 1), "the feed's sequences are consecutive");
        Assert.Equal(Ext, after.Symbol);
        Assert.Equal(sent, drawn);                               // every update drawn, once, in order
        Assert.Equal(before.Gaps, after.Gaps);                   // no gap seen...
        Assert.Equal(before.Resyncs, after.Resyncs);             // ...and no REST resync needed
        Assert.Equal(before.Reconnects, after.Reconnects);
        Assert.All(after.States.Skip(before.States.Length), s => Assert.Equal("live", s));
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        if (Environment.GetEnvironmentVariable("CRUCIBLE_PAGE_BUDGET") == "1")
            Assert.True(interactiveMs <= InteractiveBudgetMs, $"interactive after {interactiveMs:F0} ms, budget {InteractiveBudgetMs:F0} ms");
        Assert.Empty(dashboard.ConsoleErrors);
    }

    private sealed record PageStats(int Gaps, int Resyncs, int Reconnects, string? Symbol, long[] Shown, string[] States);

    private static async Task<PageStats> StatsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => { const s = window.crucible.stats;
              return JSON.stringify({ gaps: s.gaps, resyncs: s.resyncs, reconnects: s.reconnects, symbol: s.shown.symbol,
                shown: s.shown.sequences, states: s.states.map(x => x.state) }); }
            """);
        return JsonSerializer.Deserialize<PageStats>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
