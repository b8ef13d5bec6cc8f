using Crucible.Grains.Challenges.Assessments;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges.Assessments;

public sealed class LeaderboardRankingTests
{
    private static LeaderboardEntry Entry(string id, decimal initial, decimal equity, decimal maxDrawdown)
    {
        var summary = new AssessmentSummary(id, "p", "t-" + id, AssessmentStatus.Active, 1, 0, id + "-a1-p1", AssessmentPlans.Start, AssessmentPlans.Start);
        var evaluation = new EvaluationState(id, 0, PhaseStatus.Active, false, AssessmentPlans.Start, null, null, AssessmentPlans.Start, [],
            initial, equity, equity, Math.Max(initial, equity), maxDrawdown, AssessmentPlans.Start);
        return LeaderboardRanking.Measure(summary, evaluation, id + "-a1-p1");
    }

    [Fact]
    public void Return_drawdown_and_risk_adjusted_return_are_percents_of_the_initial_balance()
    {
        // 100k → 106k with a 4k worst fall: 6 % return, 4 % drawdown, 6 ÷ 4 = 1.5.
        var e = Entry("a", 100_000m, 106_000m, 4_000m);

        Assert.Equal((6m, 4m, 1.5m), (e.ReturnPercent, e.MaxDrawdownPercent, e.RiskAdjustedReturn));
    }

    [Fact]
    public void A_drawdown_under_1_percent_counts_as_1_percent()
    {
        // 50k → 51k (2 %) with a $100 dip (0.2 %): 2 ÷ 1 = 2, not 2 ÷ 0.2 = 10.
        var e = Entry("a", 50_000m, 51_000m, 100m);

        Assert.Equal((2m, 0.2m, 2m), (e.ReturnPercent, e.MaxDrawdownPercent, e.RiskAdjustedReturn));
    }

    [Fact]
    public void Percents_are_rounded_to_4_decimals()
    {
        // 30k → 30,001: 1 ÷ 30,000 × 100 = 0.003333… → 0.0033.
        Assert.Equal(0.0033m, Entry("a", 30_000m, 30_001m, 0m).ReturnPercent);
    }

    [Fact]
    public void The_two_orders_rank_differently_and_ranks_count_from_1()
    {
        var steady = Entry("steady", 100_000m, 105_000m, 1_000m);    // 5 %, dd 1 % → 5
        var wild = Entry("wild", 100_000m, 109_000m, 6_000m);        // 9 %, dd 6 % → 1.5
        var losing = Entry("losing", 100_000m, 98_000m, 3_000m);     // −2 %, dd 3 % → −0.6667

        var byReturn = LeaderboardRanking.Rank([steady, wild, losing], LeaderboardOrder.Return, 10);
        var byRisk = LeaderboardRanking.Rank([steady, wild, losing], LeaderboardOrder.RiskAdjusted, 2);

        Assert.Equal([("wild", 1), ("steady", 2), ("losing", 3)], byReturn.Select(e => (e.AssessmentId, e.Rank)));
        Assert.Equal([("steady", 1), ("wild", 2)], byRisk.Select(e => (e.AssessmentId, e.Rank)));
        Assert.Equal(-0.6667m, losing.RiskAdjustedReturn);
    }
}
