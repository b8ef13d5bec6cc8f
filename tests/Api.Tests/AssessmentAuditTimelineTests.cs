using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Api.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using static Crucible.Api.Tests.AssessmentTestClient;

namespace Crucible.Api.Tests;

/// <summary>The audit's time line (what the evaluator console shows) and the list's paging.</summary>
[Collection(ApiCollection.Name)]
public sealed class AssessmentAuditTimelineTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    private TradingTestClient Trading => new(factory, client.User);

    /// <summary>
    /// classic-2step-100k: daily loss 5 % of the day's balance (floor 95,000), overall 10 % static (floor 90,000).
    /// Buy 1 TEST-EXT (multiplier 50, commission 2.25) at the ask 5,000.25: balance 99,997.75, equity at the bid 5,000.00
    /// = 99,997.75 − 0.25 × 50 = 99,985.25. The bid 4,890.00: equity 99,997.75 − 110.25 × 50 = 94,485.25 &lt; 95,000, a
    /// breach on that tick; the book sells at 4,890.00: balance = equity = 94,485.25 − 2.25 = 94,483.00.
    /// </summary>
    [Fact]
    public async Task The_audit_time_line_shows_each_order_fill_and_rule_event_with_its_equity_prices_tick_and_floors()
    {
        var assessment = await client.BuyAsync();
        var (id, account) = ((string)assessment["id"]!, (string)assessment["currentAccountId"]!);
        await Trading.QuoteAsync(5000.00m, 5000.25m);
        await Trading.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "market", quantity = 1 });
        var breachTick = await Trading.QuoteAsync(4890.00m, 4890.25m);
        await WaitForStatusAsync(id, "failed");

        var evaluator = await client.EvaluatorAsync();
        var audit = (await evaluator.Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}/audit"))!;
        var timeline = audit["timelines"]!.AsArray().Single()!;
        Assert.Equal((account, "Europe/Prague", "00:00", 100_000m),
            ((string)timeline["accountId"]!, (string)timeline["timeZone"]!, (string)timeline["resetTime"]!, (decimal)timeline["initialBalance"]!));
        var entries = timeline["entries"]!.AsArray().Select(e => e!).ToList();

        var fills = entries.Where(e => (string)e["kind"]! == "fill").ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(("buy", 5000.25m, 99_997.75m, 99_985.25m), ((string)fills[0]["side"]!, (decimal)fills[0]["price"]!, (decimal)fills[0]["balance"]!, (decimal)fills[0]["equity"]!));
        Assert.Equal(("sell", 4890.00m, 94_483.00m, 94_483.00m, breachTick.Sequence),
            ((string)fills[1]["side"]!, (decimal)fills[1]["price"]!, (decimal)fills[1]["balance"]!, (decimal)fills[1]["equity"]!, (long)fills[1]["quoteSequence"]!));

        var breach = entries.Single(e => (string?)e["ruleKind"] == "breach");
        Assert.Equal(("dailyLoss", 94_485.25m, 95_000m, 4890.00m, 4890.25m, breachTick.Sequence, "tick"),
            ((string)breach["rule"]!, (decimal)breach["equity"]!, (decimal)breach["limit"]!, (decimal)breach["bid"]!, (decimal)breach["ask"]!,
             (long)breach["quoteSequence"]!, (string)breach["cause"]!));
        Assert.Equal((95_000m, 90_000m), ((decimal)breach["dailyFloor"]!, (decimal)breach["overallFloor"]!));

        // In time order: the trader's order and its fill, the breach on its tick, then the book's liquidation.
        var orders = entries.Where(e => (string)e["kind"]! == "order").ToList();
        Assert.Equal(["buy", "sell"], orders.Select(o => (string)o["side"]!));
        Assert.All(orders, o => Assert.Equal("filled", (string)o["status"]!));
        Assert.Equal(100_000m, (decimal)orders[0]["equity"]!);   // the account before the trader's first order
        Assert.True(entries.IndexOf(fills[0]) < entries.IndexOf(breach) && entries.IndexOf(breach) < entries.IndexOf(fills[1]));
        var times = entries.Select(e => (DateTimeOffset)e["time"]!).ToList();
        Assert.Equal(times.Order(), times);

        // The equity curve carries the floors, and its lowest point is the breach's equity.
        var equity = timeline["equity"]!.AsArray().Select(p => p!).ToList();
        Assert.All(equity, p => Assert.Equal((95_000m, 90_000m), ((decimal)p["dailyFloor"]!, (decimal)p["overallFloor"]!)));
        Assert.Equal(94_483.00m, equity.Min(p => (decimal)p["equity"]!));
        Assert.Contains(equity, p => (decimal)p["equity"]! == 94_485.25m);
        // The grain's audit is still there as before.
        Assert.Equal(2, audit["phases"]![0]!["fills"]!.AsArray().Count);
    }

    [Fact]
    public void Fills_of_one_instant_take_the_samples_taken_after_them_in_order()
    {
        var t = DateTimeOffset.Parse("2026-03-02T09:00:00Z");
        Fill FillAt(DateTimeOffset time, string id) => new(id, "o", "X", OrderSide.Sell, 1, 10, 0, 0, time, 7);
        EquitySample Sample(DateTimeOffset time, decimal equity) => new(time, equity, equity);
        // A breach sampled at t, then two liquidation fills at t; a later fill sampled a moment after its own time.
        var samples = new[] { Sample(t.AddSeconds(-5), 100), Sample(t, 90), Sample(t, 89), Sample(t, 88), Sample(t.AddSeconds(3), 87) };
        var fills = new[] { FillAt(t, "a"), FillAt(t, "b"), FillAt(t.AddSeconds(2), "c") };

        var found = AuditTimeline.SamplesAfterFills(fills, samples);

        Assert.Equal([89m, 88m, 87m], found.Select(s => s!.Equity));
        Assert.Null(AuditTimeline.SamplesAfterFills([FillAt(t.AddMinutes(1), "late")], samples)[0]);
    }

    [Fact]
    public async Task The_list_pages_with_offset_newest_first_and_a_bad_offset_is_a_400_naming_it()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((string)(await client.BuyAsync())["id"]!);
        var evaluator = await client.EvaluatorAsync();
        async Task<List<string>> PageAsync(string query) =>
            [.. (await evaluator.Http.GetFromJsonAsync<JsonArray>($"/api/v1/assessments?traderId={client.Trader}&{query}"))!.Select(a => (string)a!["id"]!)];

        Assert.Equal([ids[2], ids[1]], await PageAsync("limit=2"));
        Assert.Equal([ids[0]], await PageAsync("limit=2&offset=2"));
        Assert.Empty(await PageAsync("limit=2&offset=3"));
        await AssertInvalidAsync(await evaluator.Http.GetAsync("/api/v1/assessments?offset=-1"), "offset");
        await AssertInvalidAsync(await evaluator.Http.GetAsync($"/api/v1/assessments?offset={AssessmentsApi.MaxListOffset + 1}"), "offset");
    }

    private async Task WaitForStatusAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((string)(await client.Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}"))!["status"]! != status)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"assessment {id} did not become {status}");
            await Task.Delay(50);
        }
    }
}
