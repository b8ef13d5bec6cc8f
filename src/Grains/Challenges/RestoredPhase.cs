using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>
/// An assessment phase as far as its ledger can restore it after its grain was lost: the evidence (rule events and
/// equity samples) and how the phase ended, if it did, but not the rule engine. The rules' running state (day
/// anchors, trailing high-water marks, trading days, the last checks) came from every tick, and ticks are not in the
/// ledger, so a phase that was still active is <b>suspended</b>: it refuses new exposure until the assessment decides
/// (<see cref="End"/>), and evaluates nothing meanwhile (docs/durability.md "Assessment accounts").
/// </summary>
public sealed class RestoredPhase
{
    private readonly List<RuleEvent> events;
    private readonly List<EquitySample> samples;
    private readonly TradingDayClock clock;

    public RestoredPhase(AccountEvaluation evaluation, decimal initialBalance, IEnumerable<RuleEvent> events, IEnumerable<EquitySample> samples,
        string? problem = null)
    {
        Problem = problem;
        ArgumentNullException.ThrowIfNull(evaluation);
        Evaluation = evaluation;
        InitialBalance = initialBalance;
        this.events = [.. events];
        this.samples = [.. samples];
        clock = new TradingDayClock(evaluation.Rules.TimeZone, evaluation.Rules.ResetTime);
        Evidence = this.events.FirstOrDefault(e => EndingStatus(e) is not null);
    }

    public AccountEvaluation Evaluation { get; }

    /// <summary>Why the phase could not be resumed from a snapshot (none recorded, or unreadable).</summary>
    public string? Problem { get; }

    public decimal InitialBalance { get; }

    /// <summary>The rule event that ended the phase, before or after the restore; null while it is suspended.</summary>
    public RuleEvent? Evidence { get; private set; }

    public PhaseStatus Status => Evidence is { } ended ? EndingStatus(ended)!.Value : PhaseStatus.Active;

    /// <summary>Active here means suspended: the phase has not ended, and takes no new exposure until it is decided.</summary>
    public bool IsActive => Status == PhaseStatus.Active;

    public IReadOnlyList<RuleEvent> Events => events;

    public IReadOnlyList<EquitySample> Samples => samples;

    /// <summary>
    /// The assessment's decision ends a suspended phase, recorded like <see cref="PhaseEvaluation.End"/> records it (a
    /// <see cref="RuleEventKind.Decided"/> event naming <paramref name="rule"/>) with the account as it stands. An ended
    /// phase stays as it ended.
    /// </summary>
    public IReadOnlyList<RuleEvent> End(PhaseStatus status, string rule, string reason, DateTimeOffset time, decimal balance, decimal equity)
    {
        if (status == PhaseStatus.Active) throw new ArgumentException("a phase can only end as passed, failed or expired", nameof(status));
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        if (!IsActive) return [];
        var at = LastTime is { } last && last > time ? last : time;
        var decision = new RuleEvent(at, rule, RuleEventKind.Decided, equity, 0m, balance, equity, ObservationCause.Clock, null, null, null,
            $"{status.ToString().ToLowerInvariant()} by decision: {reason}");
        events.Add(decision);
        samples.Add(new EquitySample(at, balance, equity));
        Evidence = decision;
        return [decision];
    }

    public PhaseOutcome Outcome(string accountId) =>
        new(accountId, Evaluation.AssessmentId, Evaluation.PhaseIndex, Status, Evidence?.Time ?? LastTime ?? Evaluation.StartedAt,
            Evidence?.Rule, Evidence);

    /// <summary>
    /// Where the phase stands: its status (a suspended phase reads as active and blocked), no per-rule progress (the
    /// rules were not restored), balance and equity as the book has them now, peak and drawdown over the samples.
    /// </summary>
    public EvaluationState State(DateTimeOffset now, decimal balance, decimal equity)
    {
        var peak = InitialBalance;
        var drawdown = 0m;
        foreach (var e in samples.Select(s => s.Equity).Append(equity))
        {
            peak = Math.Max(peak, e);
            drawdown = Math.Max(drawdown, peak - e);
        }

        return new EvaluationState(
            Evaluation.AssessmentId, Evaluation.PhaseIndex, Status, IsActive, Evaluation.StartedAt, Evidence?.Time, Evidence?.Rule,
            clock.NextReset(now), [], InitialBalance, balance, equity, peak, drawdown, now);
    }

    private DateTimeOffset? LastTime =>
        events.Select(e => e.Time).Concat(samples.Select(s => s.Time)).DefaultIfEmpty(Evaluation.StartedAt).Max();

    // How a recorded event ends a phase (docs/rules.md): a hard breach fails it, an expiry or the pass ends it as such; a
    // decision says its status first in its message ("failed by decision: ...").
    private static PhaseStatus? EndingStatus(RuleEvent e) => e.Kind switch
    {
        RuleEventKind.Breach => PhaseStatus.Failed,
        RuleEventKind.Expired => PhaseStatus.Expired,
        RuleEventKind.Passed => PhaseStatus.Passed,
        RuleEventKind.Decided => Enum.GetValues<PhaseStatus>()
            .Where(s => s != PhaseStatus.Active)
            .Select(s => (PhaseStatus?)s)
            .FirstOrDefault(s => e.Message.StartsWith($"{s.ToString()!.ToLowerInvariant()} by decision", StringComparison.Ordinal)) ?? PhaseStatus.Failed,
        _ => null,
    };
}
