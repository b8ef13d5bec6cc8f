using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Challenges;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Issue 13's differential test: the same generated challenge sessions (one or two symbols, soft and hard breaches, days
/// across DST changes, trailing floors that lock, consistency) run on two assessment accounts at once, every tick through
/// the symbol's feed; one account never stops, the other is deactivated at random points and stays away for a random
/// stretch of ticks and clock steps, then comes back rebuilt from the ledger and catches up from the feed's history.
/// Verdicts, breach ticks, rule events, samples, fills, balances and progress must be identical.
/// </summary>
/// <remarks>
/// Checked by hand that it fails when the snapshot loses a field (not restoring the engine's last balance: an order
/// answered differently on an early session) and when the rebuild does not catch up on missed quotes (rule events,
/// evaluations and samples differ from seed 4 on).
/// </remarks>
[Collection(RebuildClusterCollection.Name)]
public sealed class RebuildDifferentialTests(RebuildClusterFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task An_account_deactivated_at_random_points_judges_every_session_exactly_as_one_that_never_stopped()
    {
        // Sessions chosen so that every kind of verdict is there, among the generator's first seeds.
        var sessions = Sessions().Take(RebuildClusterFixture.Copies - 8).ToList();
        var failures = new List<string>();
        var coverage = new Dictionary<string, int>();
        for (var copy = 0; copy < sessions.Count; copy++)
        {
            var run = await RunAsync(sessions[copy], copy);
            failures.AddRange(run.Differences);
            foreach (var seen in run.Coverage) coverage[seen] = coverage.GetValueOrDefault(seen) + 1;
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
        foreach (var moment in new[] { "away", "ticks while away", "breach at a tick missed while away", "soft breach while away", "day rolled while away", "failed", "passed", "locked floor" })
            Assert.True(coverage.GetValueOrDefault(moment) > 0, $"no session with {moment}: [{string.Join(", ", coverage.Select(c => $"{c.Key} {c.Value}"))}]");
    }

    private static IEnumerable<ChallengeSession> Sessions()
    {
        // Short sessions first (the test runs them through real grain calls), a mix of endings.
        var candidates = Enumerable.Range(1, 600).Select(ChallengeSessionGenerator.Generate).Where(s => s.Events.Count < 700).ToList();
        var picked = new List<ChallengeSession>();
        foreach (var status in new[] { PhaseStatus.Failed, PhaseStatus.Passed, PhaseStatus.Expired, PhaseStatus.Active })
            picked.AddRange(candidates.Where(s => s.Replay().Verdict.Status == status).Take(status == PhaseStatus.Failed ? 20 : 10));
        picked.AddRange(candidates.Where(s => s.Rules.DailyLoss is { Severity: BreachSeverity.Soft } && !picked.Contains(s)).Take(12));
        return picked;
    }

    private sealed record Run(IReadOnlyList<string> Differences, IReadOnlyList<string> Coverage);

    private async Task<Run> RunAsync(ChallengeSession session, int copy)
    {
        var random = new Random(session.Seed);
        var steady = await OpenAsync(session, "steady");
        var away = await OpenAsync(session, "away");
        var isAway = false;
        var missed = new HashSet<(string, long)>();
        var awayTimes = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var awaySince = DateTimeOffset.MinValue;
        var events = session.Events;

        async Task ComeBackAsync(DateTimeOffset now)
        {
            isAway = false;
            awayTimes.Add((awaySince, now));
            // Any call activates it again: the rebuild catches up on the quotes it missed.
            await away.GetEvaluationAsync();
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            fixture.Clock.Set(e.Time);
            if (isAway && (e is SessionEvent.Fill || random.NextDouble() < 0.1))
                await ComeBackAsync(e.Time);
            else if (!isAway && i > 2 && e is not SessionEvent.Fill && random.NextDouble() < 0.04)
            {
                await Deactivation.DeactivateAsync(fixture.Client, away);
                isAway = true;
                awaySince = e.Time;
            }

            switch (e)
            {
                case SessionEvent.Tick tick:
                    var quote = await fixture.Client.GetGrain<IInstrumentFeedGrain>(RebuildClusterFixture.Symbol(tick.Symbol, copy))
                        .IngestAsync(new MarketTick(tick.Time, tick.Bid, tick.Ask, tick.Bid, 0m));
                    await steady.ApplyQuoteAsync(quote);
                    if (isAway) missed.Add((quote.Symbol, quote.Sequence));
                    else await away.ApplyQuoteAsync(quote);
                    break;

                case SessionEvent.Clock:
                    await steady.ExpireDueOrdersAsync();
                    if (!isAway) await away.ExpireDueOrdersAsync();
                    break;

                case SessionEvent.Fill fill:
                    var quantity = fill.Quantity;
                    while (i + 1 < events.Count && events[i + 1] is SessionEvent.Fill part && part.OrderId == fill.OrderId)
                    {
                        quantity += part.Quantity;
                        i++;
                    }
                    var request = new OrderRequest(RebuildClusterFixture.Symbol(fill.Symbol, copy), fill.Side, OrderType.Market, quantity, TimeInForce.Ioc);
                    var a = await steady.SubmitOrderAsync(request);
                    var b = await away.SubmitOrderAsync(request);
                    if ((a.Order?.Status, a.Error?.Code) != (b.Order?.Status, b.Error?.Code))
                        return new([$"seed {session.Seed} at {e.Time:O}: the order answered {a.Order?.Status}/{a.Error?.Code} and {b.Order?.Status}/{b.Error?.Code}"], []);
                    break;
            }
        }
        if (isAway) await ComeBackAsync(events[^1].Time);

        var differences = new List<string>();
        void Same<T>(string what, T expected, T actual)
        {
            var x = JsonSerializer.Serialize(expected, Json);
            var y = JsonSerializer.Serialize(actual, Json);
            if (x != y) differences.Add($"seed {session.Seed} ({awayTimes.Count} times away): {what} differ:\n  steady {Clip(x)}\n  away   {Clip(y)}");
        }

        var steadyEvents = await steady.GetRuleEventsAsync();
        var awayEvents = await away.GetRuleEventsAsync();
        Same("rule events", steadyEvents, awayEvents);
        Same("evaluations", await steady.GetEvaluationAsync(), await away.GetEvaluationAsync());
        Same("equity samples", await steady.GetEquitySamplesAsync(), await away.GetEquitySamplesAsync());
        Same("fills", await steady.GetFillsAsync(), await away.GetFillsAsync());
        Same("positions", await steady.GetPositionsAsync(), await away.GetPositionsAsync());
        var (sa, sb) = (await steady.GetAccountAsync(), await away.GetAccountAsync());
        Same("balances", (sa!.Balance, sa.Equity, sa.RealizedPnl), (sb!.Balance, sb.Equity, sb.RealizedPnl));

        var coverage = new List<string>();
        bool WhileAway(RuleEvent r) => awayTimes.Any(w => r.Time > w.From && r.Time <= w.To);
        if (awayTimes.Count > 0) coverage.Add("away");
        if (missed.Count > 0) coverage.Add("ticks while away");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.Breach && r.Symbol is { } s && missed.Contains((s, r.QuoteSequence ?? 0))))
            coverage.Add("breach at a tick missed while away");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.SoftBreach && WhileAway(r))) coverage.Add("soft breach while away");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.DayRolledOver && WhileAway(r))) coverage.Add("day rolled while away");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.FloorMoved && r.Message.EndsWith("(locked)", StringComparison.Ordinal))) coverage.Add("locked floor");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.Breach)) coverage.Add("failed");
        if (awayEvents.Any(r => r.Kind == RuleEventKind.Passed)) coverage.Add("passed");
        return new(differences, coverage);
    }

    private async Task<IPositionBookGrain> OpenAsync(ChallengeSession session, string role)
    {
        var accountId = $"rebuild-{session.Seed}-{role}-{Guid.NewGuid():N}";
        var book = fixture.Client.GetGrain<IPositionBookGrain>(accountId);
        fixture.Clock.Set(session.Start);
        await book.OpenAsync(new OpenAccountRequest(session.InitialBalance, Terms(session),
            new AccountEvaluation("rebuild-" + session.Seed, 0, session.Rules, session.Start)));
        return book;
    }

    private static TradingTerms Terms(ChallengeSession session) => TradingTerms.Default with
    {
        MaxLeverage = 1_000m,
        Slippage = new SlippageTerms(0m, 0m),
        Commissions = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(i => i.Kind, i => session.Commissions[i.Symbol]),
    };

    private static string Clip(string json) => json.Length > 1_500 ? json[..1_500] + "…" : json;
}
