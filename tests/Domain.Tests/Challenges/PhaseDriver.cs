using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>Phase rules for tests: nothing set unless a test sets it with <c>with</c>.</summary>
internal static class Phases
{
    public static PhaseRules Bare(string zone = "Europe/Prague", int resetHour = 0) => new(
        "Phase 1", zone, new TimeOnly(resetHour, 0), BreachComparison.AtOrBelow, ProfitTarget: null, RequireFlatToPass: false,
        DailyLoss: null, OverallLoss: null, MinTradingDays: 0, TradingDayMinProfitPercent: null, MinTrades: 0,
        Consistency: null, TimeLimitDays: null, InactivityDays: null, Limits: OrderLimits.None);
}

/// <summary>
/// Drives a <see cref="RuleEngine"/> the way the account grain does, keeping the account's balance and equity so a
/// test states only what changes: a tick moves equity, a fill realizes P&amp;L, a clock observation marks time.
/// </summary>
internal sealed class PhaseDriver
{
    private int fills;

    public PhaseDriver(PhaseRules rules, decimal initial, string startUtc)
    {
        var start = At(startUtc);
        Engine = new RuleEngine(rules, initial, start);
        Balance = Equity = initial;
        Record(Engine.Observe(new Observation(start, ObservationCause.Start, initial, initial, false)));
    }

    public RuleEngine Engine { get; }
    public decimal Balance { get; private set; }
    public decimal Equity { get; private set; }
    public bool Open { get; private set; }
    public List<RuleEvent> Events { get; } = [];

    public static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A quote moved the open position's value: equity changes, balance does not.</summary>
    public IReadOnlyList<RuleEvent> Tick(string utc, decimal equity)
    {
        Equity = equity;
        Open = true;
        return Record(Engine.Observe(new Observation(At(utc), ObservationCause.Tick, Balance, Equity, true, "ES", 1)));
    }

    /// <summary>A fill realizing <paramref name="netPnl"/>; <paramref name="openAfter"/> leaves floating P&amp;L as given.</summary>
    public IReadOnlyList<RuleEvent> Fill(string utc, decimal netPnl, string? orderId = null, bool openAfter = false, decimal floating = 0m)
    {
        fills++;
        Balance += netPnl;
        Equity = Balance + floating;
        Open = openAfter;
        return Record(Engine.Observe(new Observation(
            At(utc), ObservationCause.Fill, Balance, Equity, openAfter, "ES", null, $"f{fills}", orderId ?? $"o{fills}", netPnl)));
    }

    public IReadOnlyList<RuleEvent> Clock(string utc) =>
        Record(Engine.Observe(new Observation(At(utc), ObservationCause.Clock, Balance, Equity, Open)));

    private IReadOnlyList<RuleEvent> Record(IReadOnlyList<RuleEvent> events)
    {
        Events.AddRange(events);
        return events;
    }
}
