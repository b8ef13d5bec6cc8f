using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Analytics;

/// <summary>
/// One account as analytics report it: a paper account, or one phase account of an assessment (with its phase and its
/// evaluation as the book holds it). <see cref="From"/> and <see cref="To"/> are its whole recorded period.
/// </summary>
public sealed record AnalyticsScope(
    string AccountId,
    string Label,
    AssessmentPhase? Phase,
    EvaluationState? Evaluation,
    AccountAnalysis Analysis,
    DateTimeOffset From,
    DateTimeOffset To);

/// <summary>An assessment with its plan, every phase account of every attempt, and every status change with its cause.</summary>
public sealed record AssessmentView(
    Assessment Assessment,
    ChallengePlan? Plan,
    IReadOnlyList<AnalyticsScope> Phases,
    IReadOnlyList<ComplianceAction> Actions);

/// <summary>A status change of an assessment: what moved it (the engine's rule, the trader, an evaluator) and why.</summary>
public sealed record ComplianceAction(
    DateTimeOffset Time,
    int Attempt,
    int Phase,
    string From,
    string To,
    string Cause,
    string? Rule,
    string Actor,
    string? Reason);
