using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// Runs one resampled path through the phase's own <see cref="RuleEngine"/> (never a copy of its rules), one
/// observation per thing that happened (docs/monte-carlo.md "A path"):
/// <list type="bullet">
/// <item>each trading day opens with a clock observation at its reset, so the engine rolls the day and takes its anchors;</item>
/// <item>days: a tick at the day's low when it dipped below both open and close (a daily-loss breach inside a day that
/// ends up still fails), then one fill with the day's P&amp;L (a zero-P&amp;L fill per extra order while the plan's minimum
/// trades is not reached);</item>
/// <item>trades: one fill per trade with the equity after it; a soft breach ends the day's trading.</item>
/// </list>
/// Built once per run (day instants, order ids), then <see cref="Run"/> is called per path, from any thread.
/// </summary>
public sealed class PathSimulator
{
    private readonly MonteCarloSource source;
    private readonly int horizon;
    private readonly double newBlockProbability;
    private readonly long seed;
    private readonly DateTimeOffset[] dayOpens;
    private readonly string[] orderIds;
    private readonly SourceDay[] days;
    private readonly decimal[] trades;

    public PathSimulator(MonteCarloSource source, MonteCarloSettings settings, double meanBlockLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (source.Count == 0) throw new ArgumentException("there is nothing to resample", nameof(source));
        this.source = source;
        horizon = settings.HorizonDays;
        seed = settings.Seed;
        newBlockProbability = settings.Method == ResampleMethod.Iid ? 1.0 : 1.0 / Math.Max(1.0, meanBlockLength);
        days = [.. source.Days];
        trades = [.. source.Trades];
        dayOpens = DayOpens(source.Rules, horizon);
        var ids = source.Unit == ResampleUnit.Trades ? horizon * source.TradesPerDay : horizon + source.Rules.MinTrades;
        orderIds = new string[ids];
        for (var i = 0; i < ids; i++) orderIds[i] = "mc-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Paths start at a reset on a fixed date (Monday 5 January 2026, before any DST change) so that every run of the same
    /// input is the same; a plan's N-day time limit then ends at the start of its (N + 1)th trading day.
    /// </summary>
    public static DateTimeOffset[] DayOpens(PhaseRules rules, int horizon)
    {
        var clock = new TradingDayClock(rules.TimeZone, rules.ResetTime);
        var opens = new DateTimeOffset[horizon];
        var at = clock.ResetOn(new DateOnly(2026, 1, 5));
        for (var d = 0; d < horizon; d++, at = clock.NextReset(at)) opens[d] = at;
        return opens;
    }

    public PathOutcome Run(int path)
    {
        var engine = new RuleEngine(source.Rules, source.InitialBalance, dayOpens[0]);
        var sampler = new StationaryBootstrap(source.Count, newBlockProbability, new PathRandom(seed, path));
        var state = new PathState(source.InitialBalance);
        Observe(engine, ref state, new Observation(dayOpens[0], ObservationCause.Start, state.Balance, state.Balance, false));
        var day = 0;
        for (; day < horizon && engine.Status == PhaseStatus.Active; day++)
        {
            var open = dayOpens[day];
            if (day > 0) Observe(engine, ref state, new Observation(open, ObservationCause.Clock, state.Balance, state.Balance, false));
            if (source.Unit == ResampleUnit.Days) RunDay(engine, ref state, open, days[sampler.Next()]);
            else RunTrades(engine, ref state, open, ref sampler);
        }
        return new PathOutcome(engine.Status, engine.Status == PhaseStatus.Passed ? null : engine.EndedBy, day,
            state.MaxDrawdown, state.Equity - source.InitialBalance);
    }

    private void RunDay(RuleEngine engine, ref PathState state, DateTimeOffset open, SourceDay day)
    {
        var opening = state.Balance;
        if (day.Low < 0m && day.Low < day.Pnl)
        {
            Observe(engine, ref state, new Observation(open.AddMinutes(1), ObservationCause.Tick, opening, opening + day.Low, true));
            if (engine.Status != PhaseStatus.Active) return;
            if (engine.TradingBlocked)
            {
                // A soft breach: the book flattens at the low and the day is over (a liquidation is not a trade, D20a).
                var flat = opening + day.Low;
                Observe(engine, ref state, new Observation(open.AddMinutes(2), ObservationCause.Fill, flat, flat, false,
                    FillNetPnl: day.Low, Liquidation: true));
                return;
            }
        }
        if (day.Trades == 0)
        {
            // Equity moved without a fill (a position held through the day): not a trading day, but the balance moves.
            if (day.Pnl != 0m)
                Observe(engine, ref state, new Observation(open.AddMinutes(2), ObservationCause.Clock, opening + day.Pnl, opening + day.Pnl, false));
            return;
        }
        // Orders beyond the first count toward the plan's minimum trades only while it is not yet reached: no more work than needed.
        var extra = Math.Min(day.Trades - 1, Math.Max(0, source.Rules.MinTrades - state.Trades - 1));
        for (var i = 0; i < extra && engine.Status == PhaseStatus.Active; i++)
            Observe(engine, ref state, new Observation(open.AddSeconds(90), ObservationCause.Fill, opening, opening, true,
                OrderId: orderIds[state.Trades++], FillNetPnl: 0m));
        if (engine.Status != PhaseStatus.Active) return;
        var close = opening + day.Pnl;
        Observe(engine, ref state, new Observation(open.AddMinutes(2), ObservationCause.Fill, close, close, false,
            OrderId: orderIds[state.Trades++], FillNetPnl: day.Pnl));
    }

    private void RunTrades(RuleEngine engine, ref PathState state, DateTimeOffset open, ref StationaryBootstrap sampler)
    {
        for (var t = 0; t < source.TradesPerDay; t++)
        {
            var pnl = trades[sampler.Next()];
            var after = state.Balance + pnl;
            Observe(engine, ref state, new Observation(open.AddSeconds(60 + t), ObservationCause.Fill, after, after, false,
                OrderId: orderIds[state.Trades++], FillNetPnl: pnl));
            if (engine.Status != PhaseStatus.Active || engine.TradingBlocked) return;
        }
    }

    private static void Observe(RuleEngine engine, ref PathState state, Observation observation)
    {
        engine.Observe(observation);
        state.Balance = observation.Balance;
        state.Equity = observation.Equity;
        if (observation.Equity > state.Peak) state.Peak = observation.Equity;
        else if (state.Peak - observation.Equity > state.MaxDrawdown) state.MaxDrawdown = state.Peak - observation.Equity;
    }

    private struct PathState(decimal initial)
    {
        public decimal Balance = initial;
        public decimal Equity = initial;
        public decimal Peak = initial;
        public decimal MaxDrawdown;
        public int Trades;
    }
}
