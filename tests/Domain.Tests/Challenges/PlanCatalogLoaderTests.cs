using Crucible.Domain.Tests.Markets;
using Crucible.Grains.Challenges.Plans;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class PlanCatalogLoaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("plans-").FullName;

    private static PlanCatalog Shipped() => PlanCatalogLoader.Load(Path.Combine(RepositoryFiles.Root, "src", "Grains", "config", "plans.json"));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_shipped_presets_load()
    {
        var ids = Shipped().All.Select(p => p.Id);
        Assert.Equal(["classic-2step-100k", "futures-combine-50k", "intraday-trailing-1step-50k", "high-stakes-100k"], ids);
    }

    [Fact]
    public void Classic_2step_turns_percentages_of_the_account_into_amounts()
    {
        var plan = Shipped().Find("CLASSIC-2STEP-100K")!;
        Assert.Equal([10_000m, 5_000m], plan.Phases.Select(p => p.ProfitTarget!.Value));
        var phase = plan.Phases[0];
        Assert.Equal(("Europe/Prague", new TimeOnly(0, 0), 4), (phase.TimeZone, phase.ResetTime, phase.MinTradingDays));
        Assert.Equal(new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard), phase.DailyLoss);
        Assert.Equal(new OverallLossRule(DrawdownMode.Static, 10_000m, LockMode.None, 0m), phase.OverallLoss);
        Assert.Null(phase.TimeLimitDays);
        Assert.Null(plan.Funded!.ProfitTarget);
        Assert.Equal(0, plan.Funded.MinTradingDays);
    }

    [Fact]
    public void Futures_combine_has_a_soft_daily_loss_an_end_of_day_trailing_floor_and_a_contract_limit()
    {
        var phase = Shipped().Find("futures-combine-50k")!.Phases.Single();
        Assert.Equal(3_000m, phase.ProfitTarget);
        Assert.Equal(new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Soft), phase.DailyLoss);
        Assert.Equal(new OverallLossRule(DrawdownMode.TrailingEndOfDay, 2_000m, LockMode.Initial, 0m), phase.OverallLoss);
        Assert.Equal(new ConsistencyRule(0.5m, ConsistencyMode.BlocksPass), phase.Consistency);
        Assert.Equal(5m, phase.Limits.MaxContracts);
        Assert.Equal((5m, 0.1m), (phase.Limits.MaxContractsTotal, phase.Limits.MicroContractWeight));
        Assert.Equal(("America/Chicago", new TimeOnly(17, 0)), (phase.TimeZone, phase.ResetTime));
    }

    [Fact]
    public void Intraday_trailing_and_high_stakes_keep_their_models()
    {
        var apex = Shipped().Find("intraday-trailing-1step-50k")!.Phases.Single();
        Assert.Equal(new OverallLossRule(DrawdownMode.TrailingIntraday, 2_500m, LockMode.InitialPlusOffset, 100m), apex.OverallLoss);
        Assert.Equal(7, apex.MinTradingDays);
        Assert.Equal(("America/New_York", new TimeOnly(17, 0), new TimeOnly(16, 59)), (apex.TimeZone, apex.ResetTime, apex.FlatByTime));
        Assert.False(apex.FlatForWeekend);

        var stakes = Shipped().Find("high-stakes-100k")!;
        Assert.Equal([8_000m, 5_000m], stakes.Phases.Select(p => p.ProfitTarget!.Value));
        Assert.Equal(new DailyLossRule(DailyLossAnchor.Max, LimitBasis.PercentOfAnchor, 5m, BreachSeverity.Hard), stakes.Phases[0].DailyLoss);
        Assert.Equal((3, 0.5m), (stakes.Phases[1].MinTradingDays, stakes.Phases[1].TradingDayMinProfitPercent));
    }

    [Fact]
    public void A_broken_file_is_refused_with_every_problem_named_by_plan_and_field()
    {
        var path = Write("""
            { "plans": [
              { "id": "bad-one", "name": "Bad", "accountSize": 0,
                "phases": [ { "timeZone": "Mars/Olympus", "resetTime": "25:00",
                              "dailyLoss": { "anchor": "balance", "limit": { "amount": 1000, "percent": 5 } },
                              "overallLoss": { "mode": "endOfDayFloorAtInitial", "limit": { "percentOfAnchor": 5 }, "lock": "initial" },
                              "consistency": { "maxBestDayShare": 1.5 } } ],
                "funded": { "timeZone": "Europe/Prague", "resetTime": "00:00", "profitTarget": { "amount": 1 } } },
              { "id": "Bad Id!", "name": "", "accountSize": 1000, "phases": [] },
              { "id": "bad-one", "name": "Twin", "accountSize": 1000,
                "phases": [ { "timeZone": "UTC", "resetTime": "00:00", "profitTarget": { "amount": 100 } } ] }
            ] }
            """);

        var problems = Assert.Throws<InvalidPlanCatalogException>(() => PlanCatalogLoader.Load(path)).Problems;

        Assert.Equal(
        [
            "bad-one: accountSize must be positive",
            "bad-one: phases[0].timeZone 'Mars/Olympus' is not a known IANA time zone",
            "bad-one: phases[0].resetTime must be a time of day such as 17:00",
            "bad-one: phases[0].profitTarget is required: a phase passes on its target",
            "bad-one: phases[0].dailyLoss.limit must give exactly one of amount, percent (of the account size) or percentOfAnchor",
            "bad-one: phases[0].overallLoss.lock must be none for endOfDayFloorAtInitial (its floor already stops at initial − limit)",
            "bad-one: phases[0].overallLoss.limit.percentOfAnchor is only for a daily loss limit",
            "bad-one: phases[0].consistency.maxBestDayShare must be a share in (0, 1], e.g. 0.5",
            "bad-one: funded.profitTarget must not be set: a funded account does not pass",
            "Bad Id!: id must be 1–64 characters of a–z, 0–9 and '-'",
            "Bad Id!: name is required",
            "Bad Id!: phases must list one to three phases",
            "bad-one: id is listed twice",
        ], problems);
    }

    [Fact]
    public void The_session_and_contract_variants_load_from_their_camelCase_fields()
    {
        var phase = PlanCatalogLoader.Load(Write("""
            { "plans": [ { "id": "variants", "name": "Variants", "accountSize": 50000,
              "phases": [ { "timeZone": "America/Chicago", "resetTime": "17:00", "profitTarget": { "amount": 3000 },
                "flatByTime": "15:10", "flatForWeekend": true, "weekendCloseTime": "14:00",
                "limits": { "maxContractsTotal": 5, "microContractWeight": 0.1, "riskBasis": "balance", "maxRiskPerTradePercent": 2,
                            "stopLossWithinMinutes": 3, "newsBlackoutMinutes": 2, "newsBlackoutIncludesClosing": true,
                            "scalingPlan": [ { "balanceAtLeast": 50000, "maxContracts": 2 }, { "balanceAtLeast": 51500, "maxContracts": 3 } ] } } ] } ] }
            """)).All.Single().Phases.Single();

        Assert.Equal((new TimeOnly(15, 10), true, new TimeOnly(14, 0)), (phase.FlatByTime, phase.FlatForWeekend, phase.WeekendCloseTime));
        var l = phase.Limits;
        Assert.Equal((5m, 0.1m, RiskBasis.Balance, 3, 2, true), (l.MaxContractsTotal, l.MicroContractWeight, l.RiskBasis, l.StopLossWithinMinutes, l.NewsBlackoutMinutes, l.NewsBlackoutIncludesClosing));
        Assert.Equal([new ContractScalingTier(50_000m, 2m), new ContractScalingTier(51_500m, 3m)], l.ScalingPlan!);
    }

    [Fact]
    public void Bad_session_and_contract_variants_are_refused_by_field()
    {
        var path = Write("""
            { "plans": [ { "id": "bad-variants", "name": "Bad", "accountSize": 50000,
              "phases": [ { "timeZone": "UTC", "resetTime": "00:00", "profitTarget": { "amount": 3000 },
                "flatByTime": "25:00", "weekendCloseTime": "14:00",
                "limits": { "maxContractsTotal": 0, "microContractWeight": 1.5, "stopLossWithinMinutes": 0, "newsBlackoutIncludesClosing": true,
                            "scalingPlan": [ { "balanceAtLeast": 51500, "maxContracts": 3 }, { "balanceAtLeast": 50000, "maxContracts": 0 } ] } },
                { "timeZone": "UTC", "resetTime": "00:00", "profitTarget": { "amount": 3000 }, "flatForWeekend": true,
                  "limits": { "newsBlackoutMinutes": -2, "scalingPlan": [] } } ] } ] }
            """);

        var problems = Assert.Throws<InvalidPlanCatalogException>(() => PlanCatalogLoader.Load(path)).Problems;

        Assert.Equal(
        [
            "bad-variants: phases[0].limits.maxContractsTotal must be positive",
            "bad-variants: phases[0].limits.microContractWeight must be in (0, 1]: 1 counts a micro as a full contract, 0.1 as a tenth",
            "bad-variants: phases[0].limits.stopLossWithinMinutes must be positive when set",
            "bad-variants: phases[0].limits.newsBlackoutIncludesClosing needs newsBlackoutMinutes",
            "bad-variants: phases[0].limits.scalingPlan[1].maxContracts is required and must be positive",
            "bad-variants: phases[0].limits.scalingPlan[1].balanceAtLeast must be above the previous tier's",
            "bad-variants: phases[0].flatByTime must be a time of day such as 16:59",
            "bad-variants: phases[0].weekendCloseTime is only for flatForWeekend: true",
            "bad-variants: phases[1].limits.newsBlackoutMinutes must be positive when set",
            "bad-variants: phases[1].limits.scalingPlan must list at least one tier { balanceAtLeast, maxContracts }",
            "bad-variants: phases[1].flatForWeekend needs flatByTime or weekendCloseTime (when Friday's positions are closed)",
        ], problems);
    }

    [Fact]
    public void Malformed_json_and_a_missing_file_are_refused()
    {
        Assert.Contains("malformed JSON", Assert.Throws<InvalidPlanCatalogException>(() => PlanCatalogLoader.Load(Write("{ \"plans\": [ { \"id\": "))).Problems.Single());
        Assert.Contains("malformed JSON", Assert.Throws<InvalidPlanCatalogException>(
            () => PlanCatalogLoader.Load(Write("""{ "plans": [ { "phaseDefaults": { "breachWhen": "sometimes" } } ] }"""))).Problems.Single());
        Assert.Equal("the file does not exist", Assert.Throws<InvalidPlanCatalogException>(() => PlanCatalogLoader.Load(Path.Combine(directory, "none.json"))).Problems.Single());
        Assert.Equal("no plans are defined", Assert.Throws<InvalidPlanCatalogException>(() => PlanCatalogLoader.Load(Write("{ \"plans\": [] }"))).Problems.Single());
    }

    private string Write(string json)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
