using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>What the hand-computed replay cases share: a 50,000 account trading one E-mini, and a plan with every rule off.</summary>
internal static class ReplayCases
{
    // Monday 2026-01-05 10:00Z; the plans below reset at 00:00 UTC unless they say otherwise.
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan NextMidnight = TimeSpan.FromHours(14);
    public static readonly IReadOnlyDictionary<string, decimal> Multipliers = new Dictionary<string, decimal> { ["ES"] = 50m };
    public const decimal Initial = 50_000m;

    public static PhaseRules Rules() => new(
        "test", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, ProfitTarget: null, RequireFlatToPass: false,
        DailyLoss: null, OverallLoss: null, MinTradingDays: 0, TradingDayMinProfitPercent: null, MinTrades: 0,
        Consistency: null, TimeLimitDays: null, InactivityDays: null, Limits: OrderLimits.None);

    /// <summary>Buys one at <paramref name="entryAsk"/> a minute after <paramref name="at"/>, sells at <paramref name="exitBid"/> a minute later; returns the sale's index.</summary>
    public static int RoundTrip(ReplayScript s, TimeSpan at, decimal entryAsk, decimal exitBid)
    {
        s.Tick(at, entryAsk - 0.25m, entryAsk);
        s.Buy(at + Minutes(1), 1, entryAsk);
        s.Tick(at + TimeSpan.FromSeconds(90), exitBid, exitBid + 0.25m);
        return s.Sell(at + Minutes(2), 1, exitBid);
    }

    public static ReplayResult Run(PhaseRules rules, ReplayScript script) =>
        ChallengeReplay.Run(rules, Initial, script.Start, script.Events, Multipliers);

    public static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);
}

/// <summary>Builds a session of E-mini events at offsets from its start; each method returns the event's index.</summary>
internal sealed class ReplayScript(DateTimeOffset start)
{
    private long sequence;
    private int fills;

    public DateTimeOffset Start => start;

    public List<SessionEvent> Events { get; } = [];

    public int Tick(TimeSpan at, decimal bid, decimal ask) => Add(new SessionEvent.Tick(start + at, "ES", bid, ask, ++sequence));

    public int Buy(TimeSpan at, decimal quantity, decimal price, decimal commission = 0m, string? orderId = null) =>
        Fill(at, OrderSide.Buy, quantity, price, commission, orderId);

    public int Sell(TimeSpan at, decimal quantity, decimal price, decimal commission = 0m, string? orderId = null) =>
        Fill(at, OrderSide.Sell, quantity, price, commission, orderId);

    public int Clock(TimeSpan at) => Add(new SessionEvent.Clock(start + at));

    private int Fill(TimeSpan at, OrderSide side, decimal quantity, decimal price, decimal commission, string? orderId)
    {
        fills++;
        return Add(new SessionEvent.Fill(start + at, "ES", side, quantity, price, commission, orderId ?? $"O-{fills}", $"F-{fills}"));
    }

    private int Add(SessionEvent e)
    {
        Events.Add(e);
        return Events.Count - 1;
    }
}
