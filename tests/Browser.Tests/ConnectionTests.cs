using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>
/// The live connection's behaviour: a visible state, automatic reconnection, and a resync from REST after a
/// reconnect or a quote sequence gap, so nothing shown is stale.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;

    [Fact]
    public async Task When_the_server_drops_the_connection_the_page_shows_reconnecting_then_recovers_and_shows_what_it_missed()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        var unrealized = page.Locator($"#positions tr[data-symbol='{Ext}'] [data-field=unrealized]");
        // Bought 1 at 100.25, marked at 100.00: (100.00 − 100.25) × 1 × 50 = −12.50.
        await Expect(unrealized).ToHaveTextAsync("−12.50", new() { Timeout = DashboardPage.Timeout });
        var resyncsBefore = await page.EvaluateAsync<int>("window.crucible.stats.resyncs");

        // The server aborts every hub connection and refuses new ones for a few seconds.
        Assert.True(fixture.Host.Dropper.DropAll(TimeSpan.FromSeconds(4)) > 0);
        var connection = page.Locator("#connection");
        await Expect(connection).ToHaveAttributeAsync("data-state", new Regex("^(reconnecting|offline)$"), new() { Timeout = DashboardPage.Timeout });
        await dashboard.ScreenshotAsync("trader-reconnecting");

        // A tick the page cannot hear of while it is away.
        await fixture.Host.QuoteAsync(102.00m, 102.25m);

        await Expect(connection).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        // Resynced: the missed tick is shown, and the position is marked to it: (102.00 − 100.25) × 1 × 50 = +87.50.
        await Expect(page.Locator("#quote-line [data-field=bid]")).ToHaveTextAsync("102.00", new() { Timeout = DashboardPage.Timeout });
        await Expect(unrealized).ToHaveTextAsync("+87.50", new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#account-summary [data-key=unrealized]")).ToHaveTextAsync("+87.50", new() { Timeout = DashboardPage.Timeout });
        Assert.True(await page.EvaluateAsync<int>("window.crucible.stats.resyncs") > resyncsBefore);

        // And it is live again: the next tick arrives over the new connection.
        await fixture.Host.QuoteAsync(103.00m, 103.25m);
        await Expect(unrealized).ToHaveTextAsync("+137.50", new() { Timeout = DashboardPage.Timeout });
    }

    [Fact]
    public async Task A_missed_quote_is_seen_as_a_sequence_gap_and_the_symbol_is_resynced_from_REST()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        // Between the server and the page: swallow the next market frame that carries a TEST-EXT quote when armed.
        var armed = 0;
        await page.RouteWebSocketAsync(new Regex("/hubs/market"), ws =>
        {
            var server = ws.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (frame.Text is { } text)
                {
                    if (text.Contains("\"target\":\"Quote\"") && text.Contains(Ext) && Interlocked.CompareExchange(ref armed, 0, 1) == 1)
                        return;
                    ws.Send(text);
                }
                else if (frame.Binary is { } bytes)
                    ws.Send(bytes);
            });
        });
        var first = await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await dashboard.RegisterAsync();
        await dashboard.BuyPlanAsync("classic-2step-100k");
        await dashboard.SelectSymbolAsync(Ext);
        var shown = page.Locator("#quote-line [data-sequence]");
        await Expect(shown).ToHaveAttributeAsync("data-sequence", first.Sequence.ToString(), new() { Timeout = DashboardPage.Timeout });
        var gapsBefore = await page.EvaluateAsync<int>("window.crucible.stats.gaps");
        var resyncsBefore = await page.EvaluateAsync<int>("window.crucible.stats.resyncs");

        Interlocked.Exchange(ref armed, 1);
        var missed = await fixture.Host.QuoteAsync(100.50m, 100.75m);
        // Wait until the frame with the missed quote has been swallowed, then send the next tick.
        for (var waited = 0; Volatile.Read(ref armed) == 1 && waited < 200; waited++)
            await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref armed));
        var next = await fixture.Host.QuoteAsync(101.00m, 101.25m);
        Assert.Equal(first.Sequence + 2, next.Sequence);

        await Expect(shown).ToHaveAttributeAsync("data-sequence", next.Sequence.ToString(), new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#quote-line [data-field=bid]")).ToHaveTextAsync("101.00");
        Assert.True(await page.EvaluateAsync<int>("window.crucible.stats.gaps") > gapsBefore, $"no gap seen after missing #{missed.Sequence}");
        await page.WaitForFunctionAsync($"window.crucible.stats.resyncs > {resyncsBefore}", null, new() { Timeout = DashboardPage.Timeout });
    }
}
