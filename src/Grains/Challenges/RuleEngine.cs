using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>
/// Evaluates one phase's rules on every observation of the account, exactly as docs/rules.md says. Plain and
/// single-threaded: the grain that owns the account calls it after every tick and fill, and at each reset.
/// Per observation, in order (docs/rules.md D6): deadlines already past (time limit, inactivity), day rollover, the
/// fill's bookkeeping, loss rules (daily, then overall), a deadline reached exactly now, objectives; the phase passes
/// when every objective holds.
/// </summary>
public sealed class RuleEngine
{
    private readonly TradingDayClock clock;
    private readonly PhaseProgress progress;
    private readonly IReadOnlyList<IPhaseRule> rules;
    // The rules of each stage, found once (loops over arrays: an observation that changes nothing allocates nothing).
    private readonly IPhaseRule[] expiryRules;
    private readonly IPhaseRule[] lossRules;
    private readonly IPhaseRule[] objectiveRules;
    private readonly IDeadlineRule[] deadlineRules;
    private readonly bool[] objectiveMet;
    private readonly bool canPass;
    private RuleEvents? events;
    private readonly Dictionary<string, RuleCheck> lastChecks = [];
    private DateTimeOffset nextReset;
    private DateTimeOffset lastTime;
    private decimal lastBalance;

    public RuleEngine(PhaseRules rules, decimal initialBalance, DateTimeOffset startedAt)
    {
        clock = new TradingDayClock(rules.TimeZone, rules.ResetTime);
        progress = new PhaseProgress(initialBalance, startedAt, clock.DayStart(startedAt));
        this.rules = PhaseRuleSet.Create(rules, initialBalance);
        expiryRules = [.. this.rules.Where(r => r.Stage == RuleStage.Expiry)];
        lossRules = [.. this.rules.Where(r => r.Stage == RuleStage.Loss)];
        objectiveRules = [.. this.rules.Where(r => r.Stage == RuleStage.Objective)];
        deadlineRules = [.. this.rules.OfType<IDeadlineRule>()];
        objectiveMet = new bool[objectiveRules.Length];
        // A phase without a profit target (funded) never passes.
        canPass = rules.ProfitTarget is not null;
        nextReset = clock.NextReset(startedAt);
        lastTime = startedAt;
        lastBalance = initialBalance;
    }

    public PhaseStatus Status { get; private set; } = PhaseStatus.Active;

    /// <summary>When the phase passed, failed or expired.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The rule whose breach failed the phase (or that expired it), e.g. "dailyLoss".</summary>
    public string? EndedBy { get; private set; }

    /// <summary>True after a soft breach until the next reset: new orders are refused.</summary>
    public bool TradingBlocked { get; private set; }

    /// <summary>The rules of the phase, in evaluation order, for dashboards (floors, marks).</summary>
    public IReadOnlyList<IPhaseRule> Rules => rules;

    /// <summary>
    /// Each rule's answer at the last observation that reached it (measured, limit, and a message with the room left
    /// or the shortfall), for the dashboard.
    /// </summary>
    public IReadOnlyDictionary<string, RuleCheck> LastChecks => lastChecks;

    /// <summary>Evaluates an observation; returns the rule events it caused, in order.</summary>
    /// <exception cref="ArgumentException">The observation is earlier than the previous one or the start.</exception>
    public IReadOnlyList<RuleEvent> Observe(Observation observation)
    {
        if (Status != PhaseStatus.Active) return [];
        if (observation.Time < lastTime)
            throw new ArgumentException($"observation at {observation.Time:O} is earlier than {lastTime:O}", nameof(observation));
        lastTime = observation.Time;

        var events = this.events ??= new RuleEvents(observation);
        events.Restart(observation);
        // Deadlines are measured before this observation's fill counts (a fill at the inactivity deadline is too late).
        // One already past ends the phase before anything else; one exactly now lets a hard breach at this instant
        // win, then expires the phase before any pass (docs/rules.md D7).
        var due = DueDeadline(observation, events);
        if (due is { Deadline: var passed } && passed < observation.Time) return Expire(due.Value, observation, events);
        if (observation.Time >= nextReset) RollOver(observation, events);
        // A liquidation is not a trade, not activity and not day P&L; only its balance counts (D20a).
        if (observation.Cause == ObservationCause.Fill && !observation.Liquidation) progress.RecordFill(observation);
        if (CheckLosses(observation, events, out var newSoftBreach)) return events.All;
        if (due is { } now) return Expire(now, observation, events);
        // The observation of a new soft breach does not pass: its balance is about to take the flatten's loss (D11).
        CheckObjectives(observation, events, canPassNow: !newSoftBreach);
        lastBalance = observation.Balance;
        return events.All;
    }

    /// <summary>The engine's running state, to be restored with <see cref="Restore"/>.</summary>
    public RuleEngineSnapshot Snapshot() => new(
        Status, EndedAt, EndedBy, TradingBlocked, nextReset, lastTime, lastBalance, [.. objectiveMet],
        [.. lastChecks.Select(c => new RuleCheckState(c.Key, c.Value.Outcome, c.Value.Measured, c.Value.Limit, c.Value.Message))],
        [.. rules.OfType<IStatefulRule>().Select(r => r.Save())],
        progress.Snapshot());

    /// <summary>
    /// The engine of the phase <paramref name="rules"/> as it stood when <paramref name="snapshot"/> was taken: it judges
    /// whatever comes next exactly as the engine that was snapshotted would have.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot does not fit these rules (another plan, a damaged record).</exception>
    public static RuleEngine Restore(PhaseRules rules, decimal initialBalance, DateTimeOffset startedAt, RuleEngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new RuleEngine(rules, initialBalance, startedAt);
        var stateful = engine.rules.OfType<IStatefulRule>().ToList();
        if (snapshot.ObjectiveMet.Count != engine.objectiveMet.Length || snapshot.Rules.Count != stateful.Count)
            throw new InvalidDataException("the snapshot was taken of another set of rules");
        for (var i = 0; i < stateful.Count; i++) stateful[i].Restore(snapshot.Rules[i]);
        for (var i = 0; i < engine.objectiveMet.Length; i++) engine.objectiveMet[i] = snapshot.ObjectiveMet[i];
        foreach (var check in snapshot.LastChecks)
        {
            if (!engine.rules.Any(r => r.Name == check.Rule))
                throw new InvalidDataException($"the snapshot has a check of {check.Rule}, which the phase does not have");
            engine.lastChecks[check.Rule] = new RuleCheck(check.Outcome, check.Measured, check.Limit, check.Message);
        }
        engine.progress.Restore(snapshot.Progress);
        engine.Status = snapshot.Status;
        engine.EndedAt = snapshot.EndedAt;
        engine.EndedBy = snapshot.EndedBy;
        engine.TradingBlocked = snapshot.TradingBlocked;
        engine.nextReset = snapshot.NextReset;
        engine.lastTime = snapshot.LastTime;
        engine.lastBalance = snapshot.LastBalance;
        return engine;
    }

    /// <summary>
    /// The equity range inside which a tick before <see cref="PendingReset"/> and the next deadline changes nothing: every
    /// rule's quiet band, intersected. Empty while trading is blocked or once the phase has ended (what follows a breach is
    /// judged tick by tick).
    /// </summary>
    public EquityBand QuietBand()
    {
        if (Status != PhaseStatus.Active || TradingBlocked) return EquityBand.None;
        var band = EquityBand.Unbounded;
        foreach (var rule in rules) band = band.Intersect(rule.QuietBand(progress));
        return band;
    }

    /// <summary>The reset the engine has not rolled over yet: the next day starts at the first observation at or after it.</summary>
    public DateTimeOffset PendingReset => nextReset;

    /// <summary>The earliest instant a deadline (time limit, inactivity) expires the phase as things stand; null without one.</summary>
    public DateTimeOffset? NextDeadline()
    {
        DateTimeOffset? earliest = null;
        foreach (var rule in deadlineRules)
        {
            var deadline = rule.Deadline(progress);
            if (earliest is null || deadline < earliest.Value) earliest = deadline;
        }
        return earliest;
    }

    /// <summary>The next reset instant after <paramref name="time"/>, for the grain's clock.</summary>
    public DateTimeOffset NextReset(DateTimeOffset time) => clock.NextReset(time);

    /// <summary>The earliest deadline reached at this observation (time limit first on a tie), with its instant and answer.</summary>
    private (IDeadlineRule Rule, DateTimeOffset Deadline, RuleCheck Check)? DueDeadline(Observation observation, RuleEvents events)
    {
        (IDeadlineRule Rule, DateTimeOffset Deadline, RuleCheck Check)? due = null;
        foreach (var rule in expiryRules)
        {
            var check = Ask(rule, observation, events);
            if (check.Outcome != RuleOutcome.Expired || rule is not IDeadlineRule deadline) continue;
            var at = deadline.Deadline(progress);
            if (due is null || at < due.Value.Deadline) due = (deadline, at, check);
        }
        return due;
    }

    private IReadOnlyList<RuleEvent> Expire((IDeadlineRule Rule, DateTimeOffset Deadline, RuleCheck Check) due, Observation observation, RuleEvents events)
    {
        events.Add(due.Rule.Name, RuleEventKind.Expired, due.Check.Measured, due.Check.Limit, due.Check.Message);
        End(PhaseStatus.Expired, observation.Time, due.Rule.Name);
        return events.All;
    }

    private void RollOver(Observation observation, RuleEvents events)
    {
        // The closing balance is the last observation's before the reset; the new day's anchors are this one's.
        var closingBalance = lastBalance;
        // Usually the observation falls in the day that starts at the pending reset: one look at the zone, not two.
        var following = clock.NextReset(nextReset);
        var (dayStart, next) = observation.Time < following
            ? (nextReset, following)
            : (clock.DayStart(observation.Time), clock.NextReset(observation.Time));
        progress.StartDay(dayStart, observation.Balance, observation.Equity);
        nextReset = next;
        events.Add("day", RuleEventKind.DayRolledOver, closingBalance, observation.Balance,
            $"day {progress.DayStart:O} began; the previous day closed at balance {closingBalance}");
        foreach (var rule in rules) rule.OnDayRollover(progress, closingBalance, events);
        if (TradingBlocked)
        {
            TradingBlocked = false;
            events.Add("dailyLoss", RuleEventKind.TradingResumed, observation.Equity, 0m, "trading resumes at the reset");
        }
    }

    private bool CheckLosses(Observation observation, RuleEvents events, out bool newSoftBreach)
    {
        newSoftBreach = false;
        foreach (var rule in lossRules)
        {
            var check = Ask(rule, observation, events);
            if (check.Outcome == RuleOutcome.Breached)
            {
                events.Add(rule.Name, RuleEventKind.Breach, check.Measured, check.Limit, check.Message);
                End(PhaseStatus.Failed, observation.Time, rule.Name);
                return true;
            }
            if (check.Outcome == RuleOutcome.SoftBreached && !TradingBlocked)
            {
                // Recorded once: the account is flattened and stays blocked below the floor until the reset.
                TradingBlocked = true;
                newSoftBreach = true;
                events.Add(rule.Name, RuleEventKind.SoftBreach, check.Measured, check.Limit,
                    check.Message + "; trading is blocked until the next reset");
            }
        }
        return false;
    }

    private void CheckObjectives(Observation observation, RuleEvents events, bool canPassNow)
    {
        var all = true;
        RuleCheck? target = null;
        for (var i = 0; i < objectiveRules.Length; i++)
        {
            var rule = objectiveRules[i];
            var check = Ask(rule, observation, events);
            var met = check.Outcome == RuleOutcome.Holds;
            if (objectiveMet[i] != met)
            {
                objectiveMet[i] = met;
                events.Add(rule.Name, met ? RuleEventKind.ObjectiveMet : RuleEventKind.ObjectiveUnmet,
                    check.Measured, check.Limit, check.Message);
            }
            if (rule.Name == "profitTarget") target = check;
            all &= met;
        }
        if (!canPass || !canPassNow || !all || target is not { } t) return;
        events.Add("profitTarget", RuleEventKind.Passed, t.Measured, t.Limit, "all objectives met: the phase is passed");
        End(PhaseStatus.Passed, observation.Time, null);
    }

    private RuleCheck Ask(IPhaseRule rule, Observation observation, RuleEvents events) =>
        lastChecks[rule.Name] = rule.Check(observation, progress, events);

    private void End(PhaseStatus status, DateTimeOffset at, string? by)
    {
        Status = status;
        EndedAt = at;
        EndedBy = by;
    }
}
