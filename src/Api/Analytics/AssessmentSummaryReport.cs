using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Analytics;

/// <summary>
/// The assessment summary: the plan bought, the assessment's standing and, per phase account, its verdict, the rule
/// event that decided it (the evidence) and every rule's final value against its limit (objectives, loss rules and
/// deadlines, as the phase's evaluation last measured them).
/// </summary>
public static class AssessmentSummaryReport
{
    public sealed record Model(string Report, AssessmentPart Assessment, PlanPart? Plan, IReadOnlyList<Phase> Phases);

    public sealed record AssessmentPart(string Id, string TraderId, AssessmentStatus Status, int Attempt, int PhaseIndex, decimal PricePaid,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record PlanPart(string Id, string Name, decimal AccountSize, decimal Price, string Phases);

    public sealed record Phase(
        string AccountId, string Label, int Attempt, int PhaseIndex, string Name, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
        string Verdict, string? EndedBy, decimal InitialBalance, decimal? Balance, decimal? Equity, int Trades, decimal NetPnl, decimal MaxDrawdown,
        RuleEvent? Evidence, IReadOnlyList<RuleProgress> Objectives);

    public static Model Build(AssessmentView view)
    {
        var a = view.Assessment;
        return new Model("summary",
            new AssessmentPart(a.Id, a.TraderId, a.Status, a.Attempt, a.PhaseIndex, a.PricePaid, a.CreatedAt, a.UpdatedAt),
            view.Plan is { } plan ? new PlanPart(plan.Id, plan.Name, plan.AccountSize, plan.Price,
                string.Join(" → ", plan.Phases.Select(p => p.Name).Concat(plan.Funded is { } f ? [f.Name] : []))) : null,
            [.. view.Phases.Select(Of)]);
    }

    private static Phase Of(AnalyticsScope scope)
    {
        var phase = scope.Phase!;
        var statistics = scope.Analysis.Statistics(scope.From, scope.To);
        var status = scope.Evaluation?.Status ?? phase.Outcome ?? PhaseStatus.Active;
        // The evidence is the event that ended the phase: a breach, an expiry, the pass, or a decision.
        var evidence = scope.Analysis.Activity.RuleEvents.LastOrDefault(e =>
            e.Kind is RuleEventKind.Breach or RuleEventKind.Expired or RuleEventKind.Passed or RuleEventKind.Decided);
        return new Phase(scope.AccountId, scope.Label, phase.Attempt, phase.PhaseIndex, phase.Name, phase.StartedAt, phase.EndedAt,
            status.ToString().ToLowerInvariant(), scope.Evaluation?.EndedBy ?? phase.EndedBy, scope.Analysis.Activity.InitialBalance,
            scope.Evaluation?.Balance, scope.Evaluation?.Equity, statistics.Trades, statistics.NetPnl, statistics.MaxDrawdown,
            status == PhaseStatus.Active ? null : evidence, scope.Evaluation?.Progress ?? []);
    }
}
