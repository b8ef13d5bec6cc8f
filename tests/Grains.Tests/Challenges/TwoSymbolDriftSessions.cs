using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Challenges;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Sessions built to find a breach hiding between two symbols: the account holds both of the generator's instruments,
/// and both drift against it together, each a little at a time (now and then both jump at once), towards loss floors
/// placed within reach. A band that gave each symbol the whole room instead of its share would let the two together
/// cross a floor while each alone stayed inside its band. Reproducible by seed.
/// </summary>
internal static class TwoSymbolDriftSessions
{
    private const int Ticks = 400;

    public static ChallengeSession Generate(int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 5, 4, 20, 0, 0, TimeSpan.Zero) + TimeSpan.FromMinutes(random.Next(0, 240));
        var time = start;
        var sequence = 0L;
        var prices = new Dictionary<string, decimal> { ["ES"] = 5000m, ["BTC"] = 60_000m };
        var ticks = new Dictionary<string, decimal> { ["ES"] = 0.25m, ["BTC"] = 0.5m };
        var events = new List<SessionEvent>();

        SessionEvent.Tick Quote(string symbol)
        {
            var bid = prices[symbol];
            return new SessionEvent.Tick(time, symbol, bid, bid + ticks[symbol], ++sequence);
        }

        time += TimeSpan.FromSeconds(1);
        events.Add(Quote("ES"));
        events.Add(Quote("BTC"));
        time += TimeSpan.FromSeconds(1);
        var esLots = random.Next(1, 4);
        var btcSide = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var btcLots = random.Next(1, 7) * 0.5m;
        events.Add(new SessionEvent.Fill(time, "ES", OrderSide.Buy, esLots, prices["ES"] + 0.25m, 0m, $"d{seed}-es", $"d{seed}-es-1"));
        events.Add(new SessionEvent.Fill(time, "BTC", btcSide, btcLots, prices["BTC"], 0m, $"d{seed}-btc", $"d{seed}-btc-1"));

        // Against the account: ES down (long), BTC down when long and up when short.
        var against = new Dictionary<string, decimal> { ["ES"] = -1m, ["BTC"] = btcSide == OrderSide.Buy ? -1m : 1m };
        for (var i = 0; i < Ticks; i++)
        {
            time += TimeSpan.FromSeconds(random.Next(1, 40));
            var together = random.NextDouble() < 0.05;
            foreach (var symbol in together ? new[] { "ES", "BTC" } : [random.Next(2) == 0 ? "ES" : "BTC"])
            {
                var steps = symbol == "ES" ? random.Next(1, together ? 9 : 4) : random.Next(10, together ? 200 : 60);
                var direction = random.NextDouble() < 0.62 ? against[symbol] : -against[symbol];
                prices[symbol] += direction * steps * ticks[symbol];
                events.Add(Quote(symbol));
            }
        }

        var rules = new PhaseRules(
            $"Drift {seed}", "UTC", new TimeOnly(0, 0),
            random.Next(2) == 0 ? BreachComparison.AtOrBelow : BreachComparison.Below,
            ProfitTarget: 1_000_000m, RequireFlatToPass: false,
            DailyLoss: random.Next(3) == 0 ? null : new DailyLossRule(
                DailyLossAnchor.Balance, LimitBasis.Amount, random.Next(4, 40) * 50m,
                random.Next(3) == 0 ? BreachSeverity.Soft : BreachSeverity.Hard),
            OverallLoss: new OverallLossRule(
                random.Next(2) == 0 ? DrawdownMode.Static : DrawdownMode.TrailingIntraday, random.Next(6, 60) * 50m, LockMode.None, 0m),
            MinTradingDays: 0, TradingDayMinProfitPercent: null, MinTrades: 0, Consistency: null,
            TimeLimitDays: null, InactivityDays: null, Limits: new OrderLimits());
        return new ChallengeSession(seed, rules, 100_000m, start, ChallengeSessionGenerator.Multipliers, events)
        {
            Commissions = new Dictionary<string, CommissionTerms> { ["ES"] = CommissionTerms.None, ["BTC"] = CommissionTerms.None },
        };
    }
}
