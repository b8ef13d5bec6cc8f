using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;

namespace Crucible.Api.Analytics;

/// <summary>
/// Where analytics read an account's history (docs/statistics.md "Where the numbers come from"): the ledger when it
/// holds the account (durable mode: what was committed), else the position book and assessment grains (embedded mode,
/// whose <see cref="NullLedger"/> holds nothing). Both give the same fills, rule events and equity samples, because in
/// durable mode the book appends each of them to the ledger before it acknowledges, and rebuilds from it.
/// </summary>
public sealed class AnalyticsSource(IClusterClient cluster, ILedgerReader ledger, InstrumentDirectory instruments, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A paper or phase account, or null when no such account was opened.</summary>
    public async Task<AnalyticsScope?> AccountAsync(string accountId, CancellationToken cancellationToken)
    {
        if (ResourceAccess.AssessmentOfAccount(accountId) is { } assessmentId
            && await AssessmentAsync(assessmentId, cancellationToken) is { } view
            && view.Phases.FirstOrDefault(p => p.AccountId == accountId) is { } phase)
            return phase;
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is null) return null;
        var activity = await ActivityAsync(accountId, null, cancellationToken);
        return await ScopeAsync(activity, accountId, null, null, ended: false, cancellationToken);
    }

    /// <summary>The assessment with one scope per phase account (oldest first), or null when there is none.</summary>
    public async Task<AssessmentView?> AssessmentAsync(string assessmentId, CancellationToken cancellationToken)
    {
        if (await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync() is not { } assessment) return null;
        var plan = await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(assessment.PlanId);
        var scopes = new List<AnalyticsScope>();
        foreach (var phase in assessment.Phases)
        {
            var rules = plan is null ? null : phase.PhaseIndex < plan.Phases.Count ? plan.Phases[phase.PhaseIndex] : plan.Funded;
            var evaluation = rules is null ? null : new AccountEvaluation(assessmentId, phase.PhaseIndex, rules, phase.StartedAt);
            var activity = await ActivityAsync(phase.AccountId, evaluation, cancellationToken);
            var state = await cluster.GetGrain<IPositionBookGrain>(phase.AccountId).GetEvaluationAsync();
            scopes.Add(await ScopeAsync(activity, $"attempt {phase.Attempt} · {phase.Name}", phase, state, phase.EndedAt is not null, cancellationToken));
        }
        var recorded = (await ledger.ReadAssessmentAsync(assessmentId, cancellationToken)).Transitions;
        var actions = recorded.Count > 0
            ? recorded.Select(t => Action(t.Time, t.Attempt, t.Phase, t.From, t.To, t.Cause, t.Actor, t.Reason)).ToList()
            : assessment.Transitions.Select(t => Action(t.Time, t.Attempt, t.PhaseIndex, Name(t.From), Name(t.To),
                t.Rule is { } rule ? $"{t.Cause}:{rule}" : t.Cause.ToString(), t.Actor, t.Reason)).ToList();
        return new AssessmentView(assessment, plan, scopes, actions);

        static string Name(AssessmentStatus? status) => status?.ToString().ToLowerInvariant() ?? "none";
    }

    // The ledger writes a transition's cause as "Cause:rule"; both stores are read into one shape.
    private static ComplianceAction Action(DateTimeOffset time, int attempt, int phase, string from, string to, string cause, string actor, string? reason)
    {
        var split = cause.IndexOf(':', StringComparison.Ordinal);
        // To the microsecond, as the ledger stores times.
        time = new DateTimeOffset(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
        return new ComplianceAction(time, attempt, phase, from, to, FieldReader.SnakeCase(split < 0 ? cause : cause[..split]),
            split < 0 ? null : cause[(split + 1)..], actor, reason);
    }

    private async Task<AnalyticsScope> ScopeAsync(AccountActivity activity, string label, AssessmentPhase? phase, EvaluationState? state, bool ended,
        CancellationToken cancellationToken)
    {
        var specs = await instruments.GetAllAsync(cancellationToken);
        var analysis = new AccountAnalysis(activity, symbol => specs.FirstOrDefault(s => s.Symbol == symbol)?.Multiplier ?? 1m);
        var now = Now;
        return new AnalyticsScope(activity.AccountId, label, phase, state, analysis, analysis.From(now), analysis.To(now, ended));
    }

    private async Task<AccountActivity> ActivityAsync(string accountId, AccountEvaluation? evaluation, CancellationToken cancellationToken)
    {
        if (AccountActivity.FromHistory(await ledger.ReadAccountAsync(accountId, cancellationToken)) is { } recorded)
            return recorded.Normalized();
        var specs = await instruments.GetAllAsync(cancellationToken);
        return await BookActivity.ReadAsync(cluster, accountId, evaluation, symbol => specs.FirstOrDefault(s => s.Symbol == symbol)?.Multiplier ?? 1m);
    }
}
