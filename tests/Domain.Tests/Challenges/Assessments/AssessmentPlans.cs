using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges.Assessments;

/// <summary>Small hand-made plans for the lifecycle tests: two phases and a funded stage, or one phase and no funded stage.</summary>
internal static class AssessmentPlans
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static PhaseRules Phase(string name, decimal? target, int? timeLimitDays = 30) => new(name, "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow,
        target, false, null, new OverallLossRule(DrawdownMode.Static, 1_000m, LockMode.None, 0m), 0, null, 0, null, timeLimitDays, null, OrderLimits.None);

    public static ChallengePlan TwoStepFunded { get; } = new("two-step", "Two Step", 10_000m, 99m,
        [Phase("Challenge", 1_000m), Phase("Verification", 500m)], Phase("Funded", null, null));

    public static ChallengePlan OneStepNoFunded { get; } = new("one-step", "One Step", 5_000m, 49m, [Phase("Evaluation", 300m)]);

    public static Assessment Bought(ChallengePlan plan, string id = "asm-1", string trader = "alice") =>
        Crucible.Grains.Challenges.Assessments.AssessmentLifecycle.Create(id, plan, new PurchaseRequest(plan.Id, trader, "tok_visa"), "sim_ch_1", Start);
}
