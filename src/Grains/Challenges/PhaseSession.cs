using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>
/// The session rules of a phase as time passes (docs/rules.md "Session rules"): the flat periods after a flat-by or
/// weekend close, the news blackout windows, the stop-loss deadlines of open positions, and the day's contract
/// allowance under a scaling plan. It changes only at observations (like the engine's day), so the order guard and the
/// flatten see exactly what the last observation saw; <see cref="NextDue"/> tells the grain when to observe next.
/// </summary>
public sealed class PhaseSession
{
    private readonly SessionSchedule schedule;
    private readonly OrderLimits limits;
    private readonly NewsCalendar news;
    private readonly Dictionary<string, HeldPosition> held = new(StringComparer.Ordinal);
    private readonly List<BlackoutFill> blackoutFills = [];
    private DateTimeOffset? nextClose;
    private DateTimeOffset? nextBoundary;

    public PhaseSession(PhaseRules rules, decimal initialBalance, DateTimeOffset startedAt, NewsCalendar? news = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        schedule = new SessionSchedule(rules);
        limits = rules.Limits;
        this.news = news ?? NewsCalendar.Empty;
        nextClose = schedule.NextClose(startedAt);
        if (limits.NewsBlackoutMinutes is { } minutes)
        {
            Blackout = this.news.BlackoutAt(startedAt, minutes);
            nextBoundary = this.news.NextBoundary(startedAt, minutes);
        }
        // Day 1's allowance is the initial balance's tier.
        if (limits.ScalingPlan is { Count: > 0 } tiers) ScalingAllowance = ContractScaling.AllowanceFor(tiers, initialBalance);
    }

    /// <summary>When the current flat period ends (the next reset, or Monday's after a weekend close); null outside one.</summary>
    public DateTimeOffset? FlatUntil { get; private set; }

    /// <summary>The rule of the current or last flat period: <c>flatBy</c> or <c>weekendHolding</c>.</summary>
    public string FlatRule { get; private set; } = "flatBy";

    /// <summary>A flat-by or weekend close has passed and the account still has positions or working orders to close.</summary>
    public bool FlattenPending { get; internal set; }

    /// <summary>Orders that open exposure are refused: during a flat period, and while its flatten is still pending.</summary>
    public bool MustBeFlat => FlatUntil is not null || FlattenPending;

    /// <summary>The news event whose blackout window the last observation is in, or null.</summary>
    public NewsEvent? Blackout { get; private set; }

    /// <summary>Today's contract allowance under the scaling plan (fixed at the rollover from the closing balance); null without one.</summary>
    public decimal? ScalingAllowance { get; private set; }

    /// <summary>The next instant the session changes: a flat-by or weekend close, a flat period's end, a blackout boundary, a stop deadline.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var due in Dues()) if (next is null || due < next) next = due;
            return next;
        }
    }

    private IEnumerable<DateTimeOffset> Dues()
    {
        if (nextClose is { } close) yield return close;
        if (FlatUntil is { } until) yield return until;
        if (nextBoundary is { } boundary) yield return boundary;
        foreach (var p in held.Values.Where(p => !p.DeadlinePassed && p.Deadline is not null)) yield return p.Deadline!.Value;
    }

    public PhaseSessionSnapshot Snapshot() => new(
        [.. held.Select(h => new HeldPositionState(h.Key, h.Value.Quantity, h.Value.OpenedAt, h.Value.Deadline, h.Value.DeadlinePassed))],
        [.. blackoutFills], nextClose, nextBoundary, FlatUntil, FlatRule, FlattenPending, Blackout, ScalingAllowance);

    /// <summary>Takes the state of <paramref name="snapshot"/> (the schedule, limits and calendar are the plan's, given to the constructor).</summary>
    public void Restore(PhaseSessionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        held.Clear();
        foreach (var h in snapshot.Held)
            held.Add(h.Symbol, new HeldPosition(h.Quantity, h.OpenedAt, h.Deadline) { DeadlinePassed = h.DeadlinePassed });
        blackoutFills.Clear();
        blackoutFills.AddRange(snapshot.BlackoutFills);
        nextClose = snapshot.NextClose;
        nextBoundary = snapshot.NextBoundary;
        FlatUntil = snapshot.FlatUntil;
        FlatRule = snapshot.FlatRule;
        FlattenPending = snapshot.FlattenPending;
        Blackout = snapshot.Blackout;
        ScalingAllowance = snapshot.ScalingAllowance;
    }

    /// <summary>An observation at <paramref name="time"/>: passes the closes, period ends, boundaries and deadlines due by then.</summary>
    public void Observe(DateTimeOffset time)
    {
        if (FlatUntil is { } until && time >= until) FlatUntil = null;
        while (nextClose is { } close && close <= time)
        {
            // A close seen late (after its period) still flattens what was held through it.
            FlattenPending = true;
            FlatRule = schedule.IsWeekendClose(close) ? "weekendHolding" : "flatBy";
            var end = schedule.FlatUntil(close);
            if (time < end) FlatUntil = end;
            nextClose = schedule.NextClose(close);
        }
        if (limits.NewsBlackoutMinutes is { } minutes && nextBoundary is { } boundary && time >= boundary)
        {
            Blackout = news.BlackoutAt(time, minutes);
            nextBoundary = news.NextBoundary(time, minutes);
        }
        foreach (var p in held.Values) p.DeadlinePassed |= p.Deadline <= time;
    }

    /// <summary>A new trading day began; under a scaling plan its allowance is the closing balance's tier.</summary>
    public void OnRollover(decimal closingBalance)
    {
        if (limits.ScalingPlan is { Count: > 0 } tiers) ScalingAllowance = ContractScaling.AllowanceFor(tiers, closingBalance);
    }

    /// <summary>Keeps each symbol's position and when it opened (from flat, or flipped), for the stop-loss deadline.</summary>
    public void OnFill(Fill fill, RuleEvent? blackoutEvidence)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var before = held.TryGetValue(fill.Symbol, out var p) ? p.Quantity : 0m;
        var after = before + (fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity);
        if (after == 0m) held.Remove(fill.Symbol);
        else if (before == 0m || Math.Sign(after) != Math.Sign(before))
            held[fill.Symbol] = new HeldPosition(after, fill.Time,
                limits.StopLossWithinMinutes is { } n ? fill.Time + TimeSpan.FromMinutes(n) : null);
        else p!.Quantity = after;
        if (blackoutEvidence is not null) blackoutFills.Add(new BlackoutFill(fill, blackoutEvidence));
    }

    /// <summary>Symbols whose stop-loss deadline has passed, with when they opened: from then on they need a working stop.</summary>
    public IReadOnlyList<(string Symbol, DateTimeOffset OpenedAt)> OverdueForStop() =>
        [.. held.Where(h => h.Value.DeadlinePassed).Select(h => (h.Key, h.Value.OpenedAt)).OrderBy(h => h.Key, StringComparer.Ordinal)];

    /// <summary>The fills seen inside a blackout window since the last call, each with the evidence it would be recorded as.</summary>
    public IReadOnlyList<BlackoutFill> TakeBlackoutFills()
    {
        var taken = blackoutFills.ToList();
        blackoutFills.Clear();
        return taken;
    }

    private sealed class HeldPosition(decimal quantity, DateTimeOffset openedAt, DateTimeOffset? deadline)
    {
        public decimal Quantity { get; set; } = quantity;
        public DateTimeOffset OpenedAt { get; } = openedAt;
        public DateTimeOffset? Deadline { get; } = deadline;
        public bool DeadlinePassed { get; set; }
    }
}

/// <summary>A fill inside a blackout window and the <see cref="RuleEventKind.Violation"/> it is recorded as if a resting order made it.</summary>
public sealed record BlackoutFill(Fill Fill, RuleEvent Evidence);
