using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>
/// One phase of an assessment, run on its account: turns what the book did (fills, ticks, the clock) into the rule
/// engine's observations (docs/rules.md "Inputs"), keeps the evidence (every rule event), equity samples, the peak
/// and the maximum drawdown, and answers the phase's progress per rule (docs/rules.md "In the grains"). Plain and
/// single-threaded: the position book grain calls it in the same activation as the book.
/// </summary>
public sealed class PhaseEvaluation
{
    /// <summary>Without a fill or a rule event, at most one equity sample per this interval of observation time.</summary>
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromMinutes(1);

    private readonly RuleEngine engine;
    private readonly TimeSpan sampleInterval;
    private readonly List<RuleEvent> events = [];
    private readonly List<EquitySample> samples = [];
    private readonly List<RuleEvent> unreported = [];
    private PhaseStatus? decided;
    private DateTimeOffset? decidedAt;
    private string? decidedBy;

    public PhaseEvaluation(AccountEvaluation evaluation, decimal initialBalance, TimeSpan? sampleInterval = null, NewsCalendar? news = null)
        : this(evaluation, initialBalance, sampleInterval, news,
            new RuleEngine(evaluation?.Rules ?? throw new ArgumentNullException(nameof(evaluation)), initialBalance, evaluation.StartedAt))
    {
        Balance = Equity = PeakEquity = initialBalance;
        LastObservedAt = evaluation.StartedAt;
        Observe(new Observation(evaluation.StartedAt, ObservationCause.Start, initialBalance, initialBalance, false));
    }

    private PhaseEvaluation(AccountEvaluation evaluation, decimal initialBalance, TimeSpan? sampleInterval, NewsCalendar? news, RuleEngine engine)
    {
        Evaluation = evaluation;
        InitialBalance = initialBalance;
        this.sampleInterval = sampleInterval ?? DefaultSampleInterval;
        this.engine = engine;
        Session = new PhaseSession(evaluation.Rules, initialBalance, evaluation.StartedAt, news);
    }

    /// <summary>
    /// The phase as it stood when <paramref name="snapshot"/> was taken, with the evidence and samples recorded up to then
    /// (the ledger's rows): from here it judges every observation exactly as the phase that was snapshotted would have.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot does not fit the phase's rules.</exception>
    public static PhaseEvaluation Restore(
        AccountEvaluation evaluation, decimal initialBalance, PhaseSnapshot snapshot, IEnumerable<RuleEvent> events,
        IEnumerable<EquitySample> samples, TimeSpan? sampleInterval = null, NewsCalendar? news = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(snapshot);
        var phase = new PhaseEvaluation(evaluation, initialBalance, sampleInterval, news,
            RuleEngine.Restore(evaluation.Rules, initialBalance, evaluation.StartedAt, snapshot.Engine));
        phase.Session.Restore(snapshot.Session);
        phase.events.AddRange(events);
        phase.samples.AddRange(samples);
        phase.unreported.AddRange(snapshot.Unreported);
        phase.Balance = snapshot.Balance;
        phase.Equity = snapshot.Equity;
        phase.HasOpenPositions = snapshot.HasOpenPositions;
        phase.PeakEquity = snapshot.PeakEquity;
        phase.MaxDrawdown = snapshot.MaxDrawdown;
        phase.LastObservedAt = snapshot.LastObservedAt;
        phase.decided = snapshot.Decided;
        phase.decidedAt = snapshot.DecidedAt;
        phase.decidedBy = snapshot.DecidedBy;
        phase.Evidence = snapshot.Evidence;
        return phase;
    }

    /// <summary>Everything the phase keeps besides its evidence and samples: what <see cref="Restore"/> needs to go on exactly.</summary>
    public PhaseSnapshot Snapshot() => new(
        engine.Snapshot(), Session.Snapshot(), Balance, Equity, HasOpenPositions, PeakEquity, MaxDrawdown, LastObservedAt,
        decided, decidedAt, decidedBy, Evidence, [.. unreported]);

    public AccountEvaluation Evaluation { get; }

    /// <summary>The session rules as of the last observation: flat periods, news blackouts, stop deadlines, the scaling allowance.</summary>
    public PhaseSession Session { get; }

    public decimal InitialBalance { get; }

    /// <summary>Balance and equity at the last observation.</summary>
    public decimal Balance { get; private set; }

    public decimal Equity { get; private set; }

    public bool HasOpenPositions { get; private set; }

    /// <summary>The highest equity observed (starts at the initial balance); ticks parked inside the price band are not observed.</summary>
    public decimal PeakEquity { get; private set; }

    /// <summary>The largest fall of equity from a previous peak (peak − equity), over every observation (ticks parked inside the price band are not observed).</summary>
    public decimal MaxDrawdown { get; private set; }

    /// <summary>The time of the last observation; observations never go back before it.</summary>
    public DateTimeOffset LastObservedAt { get; private set; }

    public PhaseStatus Status => decided ?? engine.Status;

    public bool IsActive => Status == PhaseStatus.Active;

    /// <summary>A soft breach blocks new orders until the next reset; an ended phase refuses them for good.</summary>
    public bool TradingBlocked => IsActive && engine.TradingBlocked;

    public DateTimeOffset? EndedAt => decidedAt ?? engine.EndedAt;

    public string? EndedBy => decided is null ? engine.EndedBy : decidedBy;

    /// <summary>The rule event that ended the phase (a breach, an expiry, the pass or a decision); null while active.</summary>
    public RuleEvent? Evidence { get; private set; }

    /// <summary>Every rule event of the phase, oldest first.</summary>
    public IReadOnlyList<RuleEvent> Events => events;

    public IReadOnlyList<EquitySample> Samples => samples;

    /// <summary>
    /// When the grain must give the engine a clock observation: the pending reset, the earliest deadline or the next
    /// session instant (a flat-by or weekend close, a flat period's end, a blackout boundary, a stop-loss deadline),
    /// whichever comes first; null once the phase has ended.
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            if (!IsActive) return null;
            var due = engine.PendingReset;
            if (engine.NextDeadline() is { } deadline && deadline < due) due = deadline;
            return Session.NextDue is { } session && session < due ? session : due;
        }
    }

    /// <summary>
    /// The equity range inside which a tick observed before <see cref="QuietUntil"/> changes no rule's state: the rules'
    /// quiet band. Empty once the phase has ended or trading is blocked. <see cref="PeakEquity"/> and
    /// <see cref="MaxDrawdown"/> are statistics, not rules: they are kept over the observations the phase makes (every
    /// tick that reaches it, fill, clock step and sample), so a tick parked inside the band does not move them. Keeping
    /// them exact per tick would make every new low or high of a fresh position a delivered tick, which left the band
    /// almost no room (measured: bench/README.md "Soak and memory").
    /// </summary>
    public EquityBand QuietBand() => IsActive ? engine.QuietBand() : EquityBand.None;

    /// <summary>
    /// Until when <see cref="QuietBand"/> holds: the next reset, deadline or session instant, and the next equity sample
    /// a tick would take. A tick at or after it is judged whatever its price.
    /// </summary>
    public DateTimeOffset QuietUntil
    {
        get
        {
            var until = NextDue ?? DateTimeOffset.MinValue;
            var sample = samples.Count == 0 ? LastObservedAt : samples[^1].Time + sampleInterval;
            return sample < until ? sample : until;
        }
    }

    /// <summary>A fill, with the account right after it. A liquidation (the book flattening after a breach) is not a trade.</summary>
    public IReadOnlyList<RuleEvent> OnFill(
        Fill fill, decimal balanceAfter, decimal equityAfter, bool hasOpenPositions, bool liquidation = false,
        decimal? bid = null, decimal? ask = null)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var observation = new Observation(At(fill.Time), ObservationCause.Fill, balanceAfter, equityAfter, hasOpenPositions,
            fill.Symbol, fill.QuoteSequence, fill.Id, fill.OrderId, fill.RealizedPnl - fill.Commission, liquidation, bid, ask);
        var produced = Observe(observation);
        // A fill inside a news blackout is evidence if a resting order made it; the flatten decides (it sees the order).
        var evidence = !liquidation && IsActive && Session.Blackout is { } news
            ? new RuleEvent(observation.Time, "newsBlackout", RuleEventKind.Violation, fill.Quantity,
                Evaluation.Rules.Limits.NewsBlackoutMinutes ?? 0, balanceAfter, equityAfter, ObservationCause.Fill, fill.Symbol,
                fill.QuoteSequence, fill.Id, $"order {fill.OrderId} filled {fill.Side.ToString().ToLowerInvariant()} {fill.Quantity} {fill.Symbol} " +
                $"inside the ±{Evaluation.Rules.Limits.NewsBlackoutMinutes}-minute blackout of {Describe(news)}")
            : null;
        Session.OnFill(fill, evidence);
        return produced;
    }

    /// <summary>
    /// Records a session rule event (a flatten, a blackout refusal, a violation) at <paramref name="time"/> with the account
    /// as last observed; the grain publishes it with <see cref="TakeUnreported"/>.
    /// </summary>
    internal RuleEvent RecordSession(DateTimeOffset time, string rule, RuleEventKind kind, decimal measured, decimal limit, string message,
        string? symbol = null)
    {
        var e = new RuleEvent(At(time), rule, kind, measured, limit, Balance, Equity, ObservationCause.Clock, symbol, null, null, message);
        RecordEvidence(e);
        return e;
    }

    /// <summary>Records a prepared piece of evidence (its own time and numbers), to be published.</summary>
    internal void RecordEvidence(RuleEvent e)
    {
        if (e.Time > LastObservedAt) LastObservedAt = e.Time;
        events.Add(e);
        unreported.Add(e);
        Sample();
    }

    /// <summary>Session rule events recorded outside an observation since the last call, for the grain to publish.</summary>
    public IReadOnlyList<RuleEvent> TakeUnreported()
    {
        var taken = unreported.ToList();
        unreported.Clear();
        return taken;
    }

    internal static string Describe(NewsEvent news) =>
        news.Currency is { } currency ? $"{news.Name} ({currency}) at {news.Time:O}" : $"{news.Name} at {news.Time:O}";

    /// <summary>A quote of a held symbol was applied: the account marked at it.</summary>
    public IReadOnlyList<RuleEvent> OnTick(
        string symbol, long quoteSequence, DateTimeOffset time, decimal balance, decimal equity, bool hasOpenPositions,
        decimal? bid = null, decimal? ask = null) =>
        Observe(new Observation(At(time), ObservationCause.Tick, balance, equity, hasOpenPositions, symbol, quoteSequence,
            Bid: bid, Ask: ask));

    /// <summary>Time passed (a reset, a deadline): the account as it stands.</summary>
    public IReadOnlyList<RuleEvent> OnClock(DateTimeOffset time, decimal balance, decimal equity, bool hasOpenPositions) =>
        Observe(new Observation(At(time), ObservationCause.Clock, balance, equity, hasOpenPositions));

    /// <summary>
    /// An evaluator's extension: the time limit moves <paramref name="days"/> × 24 h later, recorded as an
    /// <see cref="RuleEventKind.Extended"/> event. An ended phase is not reopened: nothing happens.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The phase has no time limit.</exception>
    public IReadOnlyList<RuleEvent> Extend(int days, string reason, DateTimeOffset time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var limit = engine.Rules.OfType<TimeLimitExpiry>().SingleOrDefault()
            ?? throw new InvalidOperationException("the phase has no time limit to extend");
        if (!IsActive) return [];
        limit.Extend(days);
        return Record(new RuleEvent(At(time), "timeLimit", RuleEventKind.Extended, days, limit.Days, Balance, Equity,
            ObservationCause.Clock, null, null, null, $"time limit extended by {days} days to {limit.Days}: {reason}"));
    }

    /// <summary>
    /// Ends the phase by a decision, recorded as a <see cref="RuleEventKind.Decided"/> event naming
    /// <paramref name="rule"/> (which becomes <see cref="EndedBy"/>) with the reason. An ended phase stays as it ended.
    /// </summary>
    public IReadOnlyList<RuleEvent> End(PhaseStatus status, string rule, string reason, DateTimeOffset time)
    {
        if (status == PhaseStatus.Active) throw new ArgumentException("a phase can only end as passed, failed or expired", nameof(status));
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        if (!IsActive) return [];
        var at = At(time);
        decided = status;
        decidedAt = at;
        decidedBy = rule;
        var decision = Record(new RuleEvent(at, rule, RuleEventKind.Decided, Equity, 0m, Balance, Equity,
            ObservationCause.Clock, null, null, null, $"{status.ToString().ToLowerInvariant()} by decision: {reason}"));
        Evidence = decision[0];
        return decision;
    }

    /// <summary>What the assessment is told when the phase ends.</summary>
    public PhaseOutcome Outcome(string accountId) =>
        new(accountId, Evaluation.AssessmentId, Evaluation.PhaseIndex, Status, EndedAt ?? LastObservedAt, EndedBy, Evidence);

    /// <summary>The phase's standing at <paramref name="now"/>: each rule's progress at the last observation.</summary>
    public EvaluationState State(DateTimeOffset now) => new(
        Evaluation.AssessmentId, Evaluation.PhaseIndex, Status, TradingBlocked, Evaluation.StartedAt, EndedAt, EndedBy,
        engine.NextReset(now > LastObservedAt ? now : LastObservedAt), [.. engine.Rules.Select(Progress)],
        InitialBalance, Balance, Equity, PeakEquity, MaxDrawdown, LastObservedAt);

    private DateTimeOffset At(DateTimeOffset time) => time > LastObservedAt ? time : LastObservedAt;

    private IReadOnlyList<RuleEvent> Observe(Observation observation)
    {
        LastObservedAt = observation.Time;
        Balance = observation.Balance;
        Equity = observation.Equity;
        HasOpenPositions = observation.HasOpenPositions;
        PeakEquity = Math.Max(PeakEquity, Equity);
        MaxDrawdown = Math.Max(MaxDrawdown, PeakEquity - Equity);

        // After the phase ended the engine evaluates nothing; the account (a liquidation's fills) is still sampled.
        var produced = IsActive ? engine.Observe(observation) : [];
        events.AddRange(produced);
        // A day's rollover fixes the scaling allowance from the closing balance of the day that ended (D19: its measured value).
        foreach (var rollover in produced.Where(e => e.Kind == RuleEventKind.DayRolledOver)) Session.OnRollover(rollover.Measured);
        Session.Observe(observation.Time);
        if (!IsActive && Evidence is null)
            Evidence = produced.LastOrDefault(e => e.Kind is RuleEventKind.Breach or RuleEventKind.Expired or RuleEventKind.Passed);
        var due = samples.Count == 0 || observation.Time - samples[^1].Time >= sampleInterval;
        if (produced.Count > 0 || observation.Cause is ObservationCause.Fill or ObservationCause.Start || due) Sample();
        return produced;
    }

    private IReadOnlyList<RuleEvent> Record(RuleEvent e)
    {
        LastObservedAt = e.Time;
        events.Add(e);
        Sample();
        return [e];
    }

    /// <summary>
    /// One sample per instant, the first: the ledger keys samples by (account, time), so a second one at the same instant
    /// (a fill at a reset's instant) would be a conflicting entry there, and a rebuilt phase would not have it.
    /// </summary>
    private void Sample()
    {
        if (samples.Count > 0 && samples[^1].Time == LastObservedAt) return;
        samples.Add(new EquitySample(LastObservedAt, Balance, Equity));
    }

    private RuleProgress Progress(IPhaseRule rule)
    {
        var check = engine.LastChecks.TryGetValue(rule.Name, out var c) ? c : new RuleCheck(RuleOutcome.Holds, 0m, 0m, "");
        var satisfied = check.Outcome == RuleOutcome.Holds;
        switch (rule)
        {
            case DailyLossGuard daily:
                return Loss(rule.Name, daily.Floor, daily.Anchor - daily.Floor, satisfied, check.Message);
            case OverallLossGuard overall:
                return Loss(rule.Name, overall.Floor, overall.Allowance, satisfied, check.Message);
            case TimeLimitExpiry limit:
                return new(rule.Name, RuleKind.Deadline, check.Measured, limit.Days, Percent(check.Measured, limit.Days), satisfied,
                    Message(check, $"{check.Measured:0.##} of {limit.Days} days"));
            case IDeadlineRule:
                return new(rule.Name, RuleKind.Deadline, check.Measured, check.Limit, Percent(check.Measured, check.Limit), satisfied,
                    Message(check, $"{check.Measured:0.##} of {check.Limit} days without a fill"));
            default:
                // Objectives: the share reached. For consistency that is best-day share ÷ c: at 100 % the pass waits.
                return new(rule.Name, RuleKind.Objective, check.Measured, check.Limit, Percent(check.Measured, check.Limit), satisfied, check.Message);
        }
    }

    /// <summary>Loss used = (allowance − room) ÷ allowance, room = equity − floor: 0 % at the anchor, 100 % at the floor.</summary>
    private RuleProgress Loss(string name, decimal floor, decimal allowance, bool satisfied, string message)
    {
        var room = Equity - floor;
        var used = allowance > 0m ? Percent(allowance - room, allowance) : room > 0m ? 0m : 100m;
        return new(name, RuleKind.Loss, Equity, floor, used, satisfied,
            message.Length > 0 ? message : $"equity {Equity}, floor {floor}, room {room}");
    }

    private static string Message(RuleCheck check, string fallback) => check.Message.Length > 0 ? check.Message : fallback;

    /// <summary>part ÷ whole × 100, clamped to [0, 100] and rounded to 2 decimals (display only; rules compare exactly).</summary>
    internal static decimal Percent(decimal part, decimal whole)
    {
        if (whole <= 0m) return part > 0m ? 100m : 0m;
        return Math.Round(Math.Clamp(part / whole * 100m, 0m, 100m), 2, MidpointRounding.AwayFromZero);
    }
}
