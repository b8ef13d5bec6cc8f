using System.Text.Json;
using Crucible.Domain.Tests.Challenges;
using Crucible.Grains.Analytics.MonteCarlo;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Analytics.MonteCarlo;

public sealed class MonteCarloSimulationTests
{
    private const decimal Initial = 100_000m;

    // A random walk of ±1,000 a day: pass at +3,000 closed (target), fail at −3,000 (static overall loss, touching fails).
    private static readonly PhaseRules Walk = Phases.Bare() with
    {
        ProfitTarget = 3_000m,
        OverallLoss = new OverallLossRule(DrawdownMode.Static, 3_000m, LockMode.None, 0m),
    };

    private static SourceDay Win(decimal pnl) => new(pnl, 0m, 1);
    private static SourceDay Loss(decimal pnl) => new(pnl, pnl, 1);

    /// <summary>55 winning and 45 losing days of ±1,000: an i.i.d. draw wins with probability exactly 0.55.</summary>
    private static IReadOnlyList<SourceDay> Edge55() =>
        [.. Enumerable.Repeat(Win(1_000m), 55), .. Enumerable.Repeat(Loss(-1_000m), 45)];

    [Fact]
    public void MonteCarlo_fixed_seed_gives_the_same_numbers_twice_and_another_seed_does_not()
    {
        var source = MonteCarloSource.OfDays(Walk, Initial, Edge55());
        var settings = new MonteCarloSettings(5_000, 12345, ResampleMethod.Block, null, 20);

        var first = JsonSerializer.Serialize(MonteCarloSimulation.Run(source, settings));
        var second = JsonSerializer.Serialize(MonteCarloSimulation.Run(source, settings));
        var other = JsonSerializer.Serialize(MonteCarloSimulation.Run(source, settings with { Seed = 54321 }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void MonteCarlo_known_edge_pass_probability_is_inside_the_interval_of_the_exact_value()
    {
        // Exact reference by dynamic programming over the walk's position (independent of the engine): probability mass
        // at each position in −2…+2 (in thousands), absorbed at +3 (pass) or −3 (fail) within 20 days.
        const double p = 0.55;
        const int horizon = 20;
        var mass = new double[7]; // index = position + 3
        mass[3] = 1.0;
        double pass = 0, fail = 0;
        for (var day = 0; day < horizon; day++)
        {
            var next = new double[7];
            for (var position = -2; position <= 2; position++)
            {
                next[position + 4] += mass[position + 3] * p;
                next[position + 2] += mass[position + 3] * (1 - p);
            }
            pass += next[6];
            fail += next[0];
            next[6] = next[0] = 0;
            mass = next;
        }

        var result = MonteCarloSimulation.Run(MonteCarloSource.OfDays(Walk, Initial, Edge55()),
            new MonteCarloSettings(10_000, 7, ResampleMethod.Iid, null, horizon));

        Assert.InRange(pass, 0.60, 0.70); // the reference itself is what a 55 % edge should give (sanity of the oracle)
        Assert.True(result.PassInterval.Contains(pass), $"exact {pass:F4} outside [{result.PassInterval.Lower:F4}, {result.PassInterval.Upper:F4}]");
        Assert.True(result.RuinInterval.Contains(fail), $"exact ruin {fail:F4} outside [{result.RuinInterval.Lower:F4}, {result.RuinInterval.Upper:F4}]");
        Assert.Equal(result.Outcomes.Failed, result.EndedBy["overallLoss"]);
        Assert.Equal(result.Paths, result.Outcomes.Passed + result.Outcomes.Failed + result.Outcomes.Unfinished);
    }

    [Fact]
    public void MonteCarlo_block_bootstrap_of_losing_streaks_passes_less_often_than_iid_under_a_tight_loss_limit()
    {
        // Eight wins of +400 then four losses of −600, four times: an edge of +66.67 a day, but the losses come in runs
        // of four (−2,400) and the overall limit is 1,500. Blocks keep the runs; i.i.d. draws break them up.
        var cycle = Enumerable.Repeat(Win(400m), 8).Concat(Enumerable.Repeat(Loss(-600m), 4));
        var days = Enumerable.Repeat(cycle, 4).SelectMany(c => c).ToList();
        var rules = Phases.Bare() with
        {
            ProfitTarget = 3_000m,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 1_500m, LockMode.None, 0m),
        };
        var source = MonteCarloSource.OfDays(rules, Initial, days);

        var block = MonteCarloSimulation.Run(source, new MonteCarloSettings(10_000, 3, ResampleMethod.Block, 12, 60));
        var iid = MonteCarloSimulation.Run(source, new MonteCarloSettings(10_000, 3, ResampleMethod.Iid, null, 60));

        Assert.True(block.PassInterval.Upper < iid.PassInterval.Lower,
            $"block {block.PassProbability:P1} vs iid {iid.PassProbability:P1}");
        Assert.True(block.RiskOfRuin > iid.RiskOfRuin);
        Assert.Equal(12, block.MeanBlockLength);
        Assert.Null(iid.MeanBlockLength);
    }

    [Fact]
    public void MonteCarlo_day_that_breaches_the_daily_loss_intraday_fails_though_it_closes_up()
    {
        // Every day dips 6,000 below its open and closes 2,000 up; the daily floor is 95,000 (5 % of initial).
        var rules = Phases.Bare() with
        {
            ProfitTarget = 10_000m,
            DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.PercentOfInitial, 5m, BreachSeverity.Hard),
        };
        var settings = new MonteCarloSettings(200, 1, ResampleMethod.Block, null, 10);

        var dips = MonteCarloSimulation.Run(MonteCarloSource.OfDays(rules, Initial, [new SourceDay(2_000m, -6_000m, 1)]), settings);
        var shallow = MonteCarloSimulation.Run(MonteCarloSource.OfDays(rules, Initial, [new SourceDay(2_000m, -4_000m, 1)]), settings);

        Assert.Equal((0, 200, 1.0), (dips.Outcomes.Passed, dips.Outcomes.Failed, dips.RiskOfRuin));
        Assert.Equal(200, dips.EndedBy["dailyLoss"]);
        Assert.Equal(-6_000m, dips.FinalPnl.P50); // ended at the breach, not at the close
        Assert.Equal((200, 0), (shallow.Outcomes.Passed, shallow.Outcomes.Failed));
        Assert.Equal(5.0, shallow.ExpectedDaysToPass); // +2,000 a day reaches 10,000 on day 5
    }

    [Theory]
    [InlineData(BreachComparison.AtOrBelow, 200)]
    [InlineData(BreachComparison.Below, 0)]
    public void MonteCarlo_the_plans_breach_comparison_decides_a_dip_to_exactly_the_floor(BreachComparison when, int failed)
    {
        var rules = Phases.Bare() with
        {
            BreachWhen = when,
            DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard),
        };
        var result = MonteCarloSimulation.Run(MonteCarloSource.OfDays(rules, Initial, [new SourceDay(1_000m, -5_000m, 1)]),
            new MonteCarloSettings(200, 1, ResampleMethod.Iid, null, 5));
        Assert.Equal(failed, result.Outcomes.Failed);
    }

    [Fact]
    public void MonteCarlo_soft_daily_loss_flattens_at_the_low_and_the_path_goes_on()
    {
        var rules = Phases.Bare() with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Soft),
        };
        var result = MonteCarloSimulation.Run(MonteCarloSource.OfDays(rules, Initial, [new SourceDay(2_000m, -6_000m, 1)]),
            new MonteCarloSettings(10, 1, ResampleMethod.Iid, null, 3));

        // Each day is blocked at −6,000 and flattened there: three days lose 18,000, nothing fails.
        Assert.Equal((0, 10), (result.Outcomes.Failed, result.Outcomes.Unfinished));
        Assert.Equal(-18_000m, result.FinalPnl.P50);
        Assert.Equal(18_000m, result.MaxDrawdown.P50);
    }

    [Fact]
    public void MonteCarlo_trades_are_observed_one_by_one_so_a_losing_first_trade_fails_a_day_that_ends_up()
    {
        // Trades −5,500 and +6,000, two a day, blocks that never restart: a path that starts at −5,500 breaches the 5,000
        // daily limit at its first trade though its day would close +500; one that starts at +6,000 never breaches.
        var rules = Phases.Bare() with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard),
        };
        var result = MonteCarloSimulation.Run(MonteCarloSource.OfTrades(rules, Initial, [-5_500m, 6_000m], 2),
            new MonteCarloSettings(1_000, 9, ResampleMethod.Block, 1e12, 4));

        Assert.True(ProbabilityInterval.Wilson(result.Outcomes.Failed, 1_000).Contains(0.5));
        Assert.Equal(1_000, result.Outcomes.Failed + result.Outcomes.Unfinished);
        Assert.Equal(-5_500m, result.FinalPnl.P5);
        Assert.Equal(2_000m, result.FinalPnl.P95); // four days of +500
        Assert.Equal(2, result.TradesPerDay);
    }

    [Fact]
    public void MonteCarlo_min_trading_days_and_time_limit_come_from_the_plan()
    {
        // +4,000 a day reaches the 10,000 target on day 3, but the plan needs 4 trading days; a 3-day limit expires it.
        var rules = Phases.Bare() with { ProfitTarget = 10_000m, MinTradingDays = 4 };
        var source = MonteCarloSource.OfDays(rules, Initial, [new SourceDay(4_000m, 0m, 1)]);
        var settings = new MonteCarloSettings(50, 1, ResampleMethod.Block, null, 10);

        var unlimited = MonteCarloSimulation.Run(source, settings);
        var limited = MonteCarloSimulation.Run(source with { Rules = rules with { TimeLimitDays = 3 } }, settings);

        Assert.Equal((50, 4.0), (unlimited.Outcomes.Passed, unlimited.ExpectedDaysToPass));
        Assert.Equal((0, 50), (limited.Outcomes.Passed, limited.Outcomes.Expired));
        Assert.Equal(50, limited.EndedBy["timeLimit"]);
        Assert.Null(limited.ExpectedDaysToPass);
    }

    [Fact]
    public void MonteCarlo_min_trades_counts_each_days_orders()
    {
        // Three orders a day: 7 trades are reached on day 3 (3 + 3 + 1 of the third day's 3), so the pass is on day 3.
        var rules = Phases.Bare() with { ProfitTarget = 1_000m, MinTrades = 7 };
        var result = MonteCarloSimulation.Run(MonteCarloSource.OfDays(rules, Initial, [new SourceDay(500m, 0m, 3)]),
            new MonteCarloSettings(20, 1, ResampleMethod.Iid, null, 10));
        Assert.Equal((20, 3.0), (result.Outcomes.Passed, result.ExpectedDaysToPass));
    }
}
