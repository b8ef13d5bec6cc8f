using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Challenges;

// An independent reading of docs/rules.md (and of docs/trading.md for the money), written without looking at
// RuleEngine, so the two can be compared on random sessions. It keeps its own account from the fills and
// ticks, and evaluates every rule after every event, top to bottom, with plain loops.
//
// Where the page leaves room, the replay reads it as follows (each is a point to reconcile with the engine):
//  1. Observations: the phase's Start (balance = equity = initial, at `start`) is evaluated first, then exactly
//     one observation per session event, in list order. Every tick is an observation, held symbol or not.
//  2. Order of checks within one observation: (a) day rollover, (b) time limit, then inactivity, (c) the fill's
//     bookkeeping (trade count, day's fills and closed P&L, last fill time, closed-balance high-water mark) and
//     the intraday peak, (d) daily loss, (e) overall loss, (f) the pass. The first that ends the phase wins: an
//     observation at or after a deadline expires even if it would breach or pass; a breach beats a pass.
//  3. Time limit: expired at the first observation with time ≥ start + N × 24 h. Inactivity: expired at the first
//     observation with time ≥ (last fill, or start) + N × 24 h, checked before that observation's own fill
//     counts (a fill exactly at the deadline is too late).
//  4. Rollover: at the first observation with time ≥ the next reset. The day that ended closes at the balance of
//     the previous observation (as observed, i.e. before a soft-breach flatten that the next observation shows).
//     Several resets without an observation between them are one rollover; the skipped days have no fills and
//     count for nothing. The new day's anchors are this observation's balance and equity (after its fill, if any).
//  5. Daily loss: anchor value A = B₀ (balance, dayPnl), E₀ (equity) or max(B₀, E₀) (max); floor = A − L with
//     L = Limit (amount), Limit / 100 × initial (percentOfInitial) or Limit / 100 × A (percentOfAnchor): a
//     percent basis is a PERCENT (5 = 5 %), as the plan loader reads it. Floors are not rounded to the cent;
//     equity is compared with them exactly, by `≤` (or `<` with breachWhen below).
//  6. Soft daily breach: the phase goes on; trading is blocked until the next reset after the breaching
//     observation. In the replay the open positions are closed at the breaching observation's marks (bid for
//     longs, ask for shorts, each position's realized P&L rounded like its unrealized P&L), with no commission
//     and no fill: the breaching observation still shows the positions, the next one shows the flat account
//     (balance = the breaching equity). The flatten is not a fill: it is not a trade and its P&L is not part of
//     the day's closed P&L (Σ fillNetPnl), though it is in the balance. A fill while blocked is ignored (it
//     changes nothing in the account) and is observed as a Clock. Further breaches in a blocked day do nothing.
//     The overall loss is still checked on the breaching observation, but it cannot pass: its balance does not
//     yet show the flatten (the next observation, flat, may pass).
//     TradingBlocked is true from the breaching observation (included) until the rollover observation (which
//     already shows it false), and false once the phase has ended.
//  7. Overall loss: lock level = +∞ (none), initial, or initial + offset; floor = min(candidate, lock level) and
//     a floor never moves down. static: initial − D. trailingIntraday: peak (from initial) raised by every
//     observation's equity before the check. trailingEndOfDay: hwm (from initial) raised at rollover by the
//     closing balance. trailingClosedBalance: hwm raised by the balance of every Fill observation (not by a
//     soft-breach flatten). endOfDayFloorAtInitial: as trailingEndOfDay, floor = max(initial, hwm) − D, and
//     the plan's lock is ignored. A breach is equity against the floor, compared like the daily loss.
//  8. Pass (EndedBy null: a pass is not one rule's doing): no profit target means no pass. balance ≥ initial + target (exactly),
//     with requireFlat also no open position; trading days ≥ N; distinct order ids of fills ≥ minTrades;
//     consistency. All checked on every observation, whatever its cause.
//  9. Trading days: a plan day counts when it has a fill (anyFill) or when its Σ fillNetPnl ≥ x / 100 × initial
//     (minProfitPercent x is a PERCENT: 0.5 = 0.5%), and in both definitions it must have at least one fill.
//     The current day counts as soon as it qualifies, as it stands at that observation.
// 10. Consistency: bestDay = the largest day's Σ fillNetPnl over all days so far (the current one included),
//     or 0 when no day is positive; totalProfit = balance − initial. blocksPass: the pass needs
//     totalProfit ≤ 0 or bestDay < c × totalProfit. raisesTarget: the target becomes max(target, bestDay ÷ c),
//     met with ≥ like the plain target (so a share exactly c passes in this mode), no rounding.
// 11. Plan days: the day of an instant is the reset at or before it; NextReset(t) is the first reset strictly after
//     t. A reset time the clocks skip (spring forward) happens when the wall clock passes it (the instant it would
//     have with the offset before the change); a reset time that happens twice (fall back) happens the first time.
//     (The generated plans reset at 00:00 Prague/UTC or 17:00 Chicago/New York, which never fall in a change.)
// 12. After the phase ends nothing is evaluated; the account is still kept from the events (no flatten) so the
//     feed has numbers for every event. EndingEventIndex −1 would mean the Start observation ended it.
public static class ChallengeReplay
{
    public static ReplayVerdict Evaluate(
        PhaseRules rules,
        decimal initialBalance,
        DateTimeOffset start,
        IReadOnlyList<SessionEvent> events,
        IReadOnlyDictionary<string, decimal> multipliers) =>
        Run(rules, initialBalance, start, events, multipliers).Verdict;

    /// <summary>The verdict, and the account as observed after each event (the engine's inputs).</summary>
    public static ReplayResult Run(
        PhaseRules rules,
        decimal initialBalance,
        DateTimeOffset start,
        IReadOnlyList<SessionEvent> events,
        IReadOnlyDictionary<string, decimal> multipliers)
    {
        var account = new ReplayAccount(initialBalance, multipliers);
        var judge = new ReplayJudge(rules, initialBalance, start);
        var steps = new List<ReplayStep>(events.Count);

        judge.Observe(-1, start, ObservationCause.Start, initialBalance, initialBalance, false, null, null);

        for (var i = 0; i < events.Count; i++)
        {
            var cause = ObservationCause.Clock;
            decimal? fillNetPnl = null;
            string? orderId = null;

            switch (events[i])
            {
                case SessionEvent.Tick tick:
                    account.Mark(tick.Symbol, tick.Bid, tick.Ask);
                    cause = ObservationCause.Tick;
                    break;
                case SessionEvent.Fill fill when judge.IsActive && judge.BlocksFillAt(fill.Time):
                    // Soft breach: the order would have been refused, so nothing happens but time passing.
                    break;
                case SessionEvent.Fill fill:
                    fillNetPnl = account.Apply(fill);
                    orderId = fill.OrderId;
                    cause = ObservationCause.Fill;
                    break;
            }

            var balance = account.Balance;
            var equity = account.Equity();
            var hasOpenPositions = account.HasOpenPositions;
            var softBreach = judge.Observe(i, events[i].Time, cause, balance, equity, hasOpenPositions, fillNetPnl, orderId);
            if (softBreach)
            {
                account.FlattenAtMarks();
            }

            steps.Add(new ReplayStep(
                i, events[i].Time, cause, balance, equity, hasOpenPositions, fillNetPnl, judge.TradingBlocked, judge.Status));
        }

        return new ReplayResult(judge.Verdict, steps);
    }
}

/// <summary>How a phase ended in the replay: rule names "dailyLoss", "overallLoss", "timeLimit", "inactivity"; null for a pass.</summary>
public sealed record ReplayVerdict(PhaseStatus Status, DateTimeOffset? EndedAt, string? EndedBy, int? EndingEventIndex);

/// <summary>The account after one event, as the engine should observe it, and the replay's state after evaluating it.</summary>
/// <param name="Cause">Fill, Tick or Clock; a fill ignored during a soft-breach block is a Clock.</param>
public sealed record ReplayStep(
    int EventIndex,
    DateTimeOffset Time,
    ObservationCause Cause,
    decimal Balance,
    decimal Equity,
    bool HasOpenPositions,
    decimal? FillNetPnl,
    bool TradingBlocked,
    PhaseStatus Status);

public sealed record ReplayResult(ReplayVerdict Verdict, IReadOnlyList<ReplayStep> Steps);

/// <summary>The account in whole cents (docs/trading.md): netting positions at average cost, marked to bid/ask.</summary>
internal sealed class ReplayAccount(decimal initialBalance, IReadOnlyDictionary<string, decimal> multipliers)
{
    private readonly Dictionary<string, (decimal Quantity, decimal AverageEntry)> positions = [];
    private readonly Dictionary<string, (decimal Bid, decimal Ask)> marks = [];

    public decimal Balance { get; private set; } = initialBalance;

    public bool HasOpenPositions => positions.Count > 0;

    public void Mark(string symbol, decimal bid, decimal ask) => marks[symbol] = (bid, ask);

    /// <summary>Applies a fill; returns its net P&L (realized, rounded per fill, minus commission).</summary>
    public decimal Apply(SessionEvent.Fill fill)
    {
        var multiplier = multipliers[fill.Symbol];
        var signedFill = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        positions.TryGetValue(fill.Symbol, out var position);
        var realized = 0m;

        if (position.Quantity == 0 || Math.Sign(position.Quantity) == Math.Sign(signedFill))
        {
            var newQuantity = position.Quantity + signedFill;
            var newAverage = (position.AverageEntry * Math.Abs(position.Quantity) + fill.Price * fill.Quantity) / Math.Abs(newQuantity);
            position = (newQuantity, newAverage);
        }
        else
        {
            var closed = Math.Min(Math.Abs(position.Quantity), fill.Quantity);
            var perUnit = position.Quantity > 0 ? fill.Price - position.AverageEntry : position.AverageEntry - fill.Price;
            realized = Cents(perUnit * closed * multiplier);
            var rest = fill.Quantity - closed;
            if (rest > 0)
            {
                position = (Math.Sign(signedFill) * rest, fill.Price);
            }
            else
            {
                position = (position.Quantity + signedFill, position.AverageEntry);
            }
        }

        if (position.Quantity == 0)
        {
            positions.Remove(fill.Symbol);
        }
        else
        {
            positions[fill.Symbol] = position;
        }

        Balance += realized - fill.Commission;
        return realized - fill.Commission;
    }

    public decimal Equity()
    {
        var equity = Balance;
        foreach (var symbol in positions.Keys)
        {
            equity += Unrealized(symbol);
        }

        return equity;
    }

    /// <summary>Closes every position at its mark, no commission: the balance becomes the equity.</summary>
    public void FlattenAtMarks()
    {
        Balance = Equity();
        positions.Clear();
    }

    private decimal Unrealized(string symbol)
    {
        var (quantity, average) = positions[symbol];
        var (bid, ask) = marks[symbol];
        var multiplier = multipliers[symbol];
        return quantity > 0
            ? Cents((bid - average) * quantity * multiplier)
            : Cents((average - ask) * -quantity * multiplier);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
