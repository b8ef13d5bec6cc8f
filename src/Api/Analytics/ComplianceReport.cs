using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Analytics;

/// <summary>
/// The compliance report of an assessment: every rule event of every phase account (breaches, floors moving, objectives,
/// session enforcement, decisions) with the numbers and the tick or fill that caused it, and every status change with
/// who made it and why (the engine's rule, the trader, an evaluator's reason).
/// </summary>
public static class ComplianceReport
{
    public sealed record Model(string Report, string AssessmentId, string TraderId, string PlanId, IReadOnlyList<Event> RuleEvents,
        IReadOnlyList<ComplianceAction> Actions);

    public sealed record Event(
        string AccountId, int Attempt, int Phase, DateTimeOffset Time, string Rule, RuleEventKind Kind, decimal Measured, decimal Limit,
        decimal Balance, decimal Equity, ObservationCause Cause, string? Symbol, long? QuoteSequence, string? FillId, decimal? Bid, decimal? Ask,
        string Message);

    public static Model Build(AssessmentView view) => new("compliance", view.Assessment.Id, view.Assessment.TraderId, view.Assessment.PlanId,
        [.. view.Phases.SelectMany(p => p.Analysis.Activity.RuleEvents.Select(e => new Event(p.AccountId, p.Phase?.Attempt ?? 0, p.Phase?.PhaseIndex ?? 0,
            e.Time, e.Rule, e.Kind, e.Measured, e.Limit, e.Balance, e.Equity, e.Cause, e.Symbol, e.QuoteSequence, e.FillId, e.Bid, e.Ask, e.Message)))],
        view.Actions);
}
