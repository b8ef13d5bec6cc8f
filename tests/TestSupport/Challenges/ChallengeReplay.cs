using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Challenges;

// An independent reading of docs/rules.md (and of docs/trading.md for the money), written without looking at
// RuleEngine, so the two can be compared on random sessions. It keeps its own account from the fills and
// ticks, and evaluates every rule after every event, top to bottom, with plain loops.
//
// Where the page leaves room, the replay takes the readings of the one "Decisions" list in docs/rules.md (D1–D26,
// agreed with the engine). The ones it implements, in the terms of this code:
//  - D1: percent fields are percents (5 = 5 %): a daily limit of basis percentOfInitial is Limit / 100 × initial,
//    percentOfAnchor Limit / 100 × the anchor; minProfitPercent x qualifies a day at Σ fillNetPnl ≥ x / 100 × initial.
//    D2: nothing is rounded; ratios are compared by multiplication.
//  - D3, D5: PlanResets (the first instant the wall clock shows the reset time; the first of a repeated one).
//  - D4, D5: one rollover at the first observation at or after the next reset; the closing balance is the previous
//    observation's balance; the new day's anchors are this observation's (after its fill).
//  - D6, D7: the order of ReplayJudge.Evaluate: (a) a deadline already past, (b) rollover, (c) bookkeeping and peaks,
//    (d) daily loss, (e) overall loss, (e′) a deadline exactly now, (f) the pass. The first that ends the phase wins.
//  - D8–D12: loss rules; D11 and D20a: a soft breach blocks fills until the next reset and is flattened here at the
//    marks; its observation never passes.
//  - D14–D17, D19: objectives and the pass (EndedBy null for a pass).
//  - D20: the Start is evaluated first (EndingEventIndex −1 would mean it ended the phase); after the end nothing is
//    evaluated, but the account is still kept from the events (no flatten) so the feed has numbers for every event.
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
        IReadOnlyDictionary<string, decimal> multipliers,
        IReadOnlyDictionary<string, CommissionTerms>? flattenCommissions = null)
    {
        var account = new ReplayAccount(initialBalance, multipliers, flattenCommissions);
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
                case SessionEvent.Mark mark:
                    // A price the account is marked to without an observation (the grain observes held symbols only).
                    account.Mark(mark.Symbol, mark.Bid, mark.Ask);
                    steps.Add(new ReplayStep(
                        i, mark.Time, ObservationCause.Tick, account.Balance, account.Equity(), account.HasOpenPositions, null,
                        judge.TradingBlocked, judge.Status) { Observed = false });
                    continue;
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
            var liquidations = new List<(decimal Balance, decimal Equity, bool HasOpenPositions)>();
            if (softBreach)
            {
                // The grain flattens with market orders, one position at a time in symbol order, and observes each
                // closing fill as a liquidation: the account as it is after it.
                foreach (var _ in account.FlattenOneByOne())
                {
                    liquidations.Add((account.Balance, account.Equity(), account.HasOpenPositions));
                    judge.Observe(i, events[i].Time, ObservationCause.Fill, account.Balance, account.Equity(), account.HasOpenPositions,
                        null, null, liquidation: true);
                }
            }

            steps.Add(new ReplayStep(
                i, events[i].Time, cause, balance, equity, hasOpenPositions, fillNetPnl, judge.TradingBlocked, judge.Status)
            {
                Liquidations = liquidations,
            });
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
    PhaseStatus Status)
{
    /// <summary>False for a <see cref="SessionEvent.Mark"/>: the account moved but nothing was evaluated.</summary>
    public bool Observed { get; init; } = true;

    /// <summary>After a soft breach: the account after each of the flatten's closing fills (observed as liquidations).</summary>
    public IReadOnlyList<(decimal Balance, decimal Equity, bool HasOpenPositions)> Liquidations { get; init; } = [];
}

public sealed record ReplayResult(ReplayVerdict Verdict, IReadOnlyList<ReplayStep> Steps);

/// <summary>The account in whole cents (docs/trading.md): netting positions at average cost, marked to bid/ask.</summary>
/// <remarks>
/// A soft breach's flatten is free unless <c>flattenCommissions</c> gives the commission per symbol (per unit plus bps of
/// notional, rounded per position like a fill): the grain flattens with real market orders, which pay commission.
/// </remarks>
internal sealed class ReplayAccount(
    decimal initialBalance,
    IReadOnlyDictionary<string, decimal> multipliers,
    IReadOnlyDictionary<string, CommissionTerms>? flattenCommissions = null)
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

    /// <summary>
    /// Closes the positions one at a time, in symbol order, each at its mark (longs at the bid, shorts at the ask) less
    /// any flatten commission; yields after each.
    /// </summary>
    public IEnumerable<string> FlattenOneByOne()
    {
        foreach (var symbol in positions.Keys.Order(StringComparer.Ordinal).ToList())
        {
            var (quantity, _) = positions[symbol];
            var commission = 0m;
            if (flattenCommissions?.GetValueOrDefault(symbol) is { } terms)
            {
                var (bid, ask) = marks[symbol];
                var price = quantity > 0 ? bid : ask;
                commission = Cents(terms.PerUnit * Math.Abs(quantity) + terms.Bps * price * Math.Abs(quantity) * multipliers[symbol] / 10_000m);
            }

            Balance += Unrealized(symbol) - commission;
            positions.Remove(symbol);
            yield return symbol;
        }
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
