using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>The plan variants that act on the account as time passes and on each order (docs/rules.md "Session rules").</summary>
public sealed class SessionRuleTests
{
    private static PhaseRules Utc(OrderLimits limits) => Phases.Bare("UTC") with { Limits = limits };

    [Fact]
    public void Scaling_allowance_changes_only_at_the_rollover_from_the_closing_balance()
    {
        // Tiers: from 50,000 two contracts, from 51,500 three, from 53,000 five. Day 1 uses the initial 50,000 → 2.
        var tiers = new[] { new ContractScalingTier(50_000m, 2m), new ContractScalingTier(51_500m, 3m), new ContractScalingTier(53_000m, 5m) };
        var run = new SessionDriver(Utc(new OrderLimits(ScalingPlan: tiers)), "2026-01-05T10:00:00Z", initial: 50_000m);
        run.Quote("2026-01-05T10:00:00Z", "ES", 5_000m, 5_000.25m);
        Assert.Equal(2m, run.Evaluation.Session.ScalingAllowance);
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-05T10:00:00Z", "ES", OrderSide.Buy, 2m).Order!.Status);
        Assert.Equal(OrderErrorCode.ContractLimitExceeded, run.Market("2026-01-05T10:01:00Z", "ES", OrderSide.Buy, 1m).Error!.Code);

        // Sell 2 at 5,016.25: (5,016.25 − 5,000.25) × 2 × 50 = +1,600 → balance 51,600, but today's allowance stays 2.
        run.Quote("2026-01-05T12:00:00Z", "ES", 5_016.25m, 5_016.50m);
        run.Market("2026-01-05T12:00:00Z", "ES", OrderSide.Sell, 2m);
        Assert.Equal(51_600m, run.Book.Numbers().Balance);
        Assert.Equal(OrderErrorCode.ContractLimitExceeded, run.Market("2026-01-05T12:01:00Z", "ES", OrderSide.Buy, 3m).Error!.Code);

        // Day 2 starts from the closing balance 51,600 → 3 contracts.
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-06T01:00:00Z", "ES", OrderSide.Buy, 3m).Order!.Status);
        Assert.Equal(3m, run.Evaluation.Session.ScalingAllowance);

        // Sell 3 at 5,015.25: (5,015.25 − 5,016.50) × 3 × 50 = −187.50 → 51,412.50, below 51,500: day 3 is back to 2.
        run.Quote("2026-01-06T02:00:00Z", "ES", 5_015.25m, 5_015.50m);
        run.Market("2026-01-06T02:00:00Z", "ES", OrderSide.Sell, 3m);
        Assert.Equal(51_412.50m, run.Book.Numbers().Balance);
        Assert.Equal(3m, run.Evaluation.Session.ScalingAllowance);
        run.AdvanceTo("2026-01-07T00:00:00Z");
        Assert.Equal(2m, run.Evaluation.Session.ScalingAllowance);
        Assert.Equal(OrderErrorCode.ContractLimitExceeded, run.Market("2026-01-07T00:01:00Z", "ES", OrderSide.Buy, 3m).Error!.Code);
    }

    [Fact]
    public void Total_contracts_count_micros_at_a_tenth_across_instruments()
    {
        var run = new SessionDriver(Utc(new OrderLimits(MaxContractsTotal: 5m, MicroContractWeight: 0.1m)), "2026-01-05T10:00:00Z");
        run.Quote("2026-01-05T10:00:00Z", "ES", 5_000m, 5_000.25m);
        run.Quote("2026-01-05T10:00:00Z", "MES", 5_000m, 5_000.25m);
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-05T10:00:00Z", "ES", OrderSide.Buy, 4m).Order!.Status);
        // 4 + 10 × 0.1 = 5: allowed; one more micro is 5.1.
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-05T10:00:00Z", "MES", OrderSide.Buy, 10m).Order!.Status);
        var refused = run.Market("2026-01-05T10:00:00Z", "MES", OrderSide.Buy, 1m);
        Assert.Equal((OrderErrorCode.ContractLimitExceeded, "quantity"), (refused.Error!.Code, refused.Error.Field));
        Assert.Contains("5.1 contracts in total", refused.Error.Message);
        // Crypto is not counted.
        run.Quote("2026-01-05T10:00:00Z", "BTC", 60_000m, 60_001m);
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-05T10:00:00Z", "BTC", OrderSide.Buy, 1m).Order!.Status);
    }

    [Fact]
    public void A_position_without_a_stop_loss_is_closed_at_market_at_its_deadline_and_the_phase_goes_on()
    {
        var run = new SessionDriver(Utc(new OrderLimits(StopLossWithinMinutes: 5)), "2026-01-05T10:00:00Z");
        run.Quote("2026-01-05T10:00:00Z", "ES", 5_000m, 5_000.25m);
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-05T10:00:00Z", "ES", OrderSide.Buy, 1m).Order!.Status);

        run.AdvanceTo("2026-01-05T10:04:59Z");
        Assert.Equal(1m, run.Book.QuantityOf("ES"));

        run.AdvanceTo("2026-01-05T10:05:00Z");
        Assert.Equal(0m, run.Book.QuantityOf("ES"));
        var violation = Assert.Single(run.Published, e => e.Kind == RuleEventKind.Violation);
        Assert.Equal(("stopLossWithin", 5m, 5m, "ES"), (violation.Rule, violation.Measured, violation.Limit, violation.Symbol));
        Assert.Equal(PhaseDriver.At("2026-01-05T10:05:00Z"), violation.Time);
        // Bought at the ask 5,000.25, closed at the bid 5,000: −0.25 × 50 = −12.50.
        Assert.Equal(99_987.50m, run.Book.Numbers().Balance);
        Assert.Equal(2, run.Book.Fills.Count);
        Assert.Equal(PhaseStatus.Active, run.Evaluation.Status);
    }

    [Fact]
    public void A_position_with_a_working_stop_placed_in_time_is_left_open_until_its_stop_is_canceled()
    {
        var run = new SessionDriver(Utc(new OrderLimits(StopLossWithinMinutes: 5)), "2026-01-05T10:00:00Z");
        run.Quote("2026-01-05T10:00:00Z", "ES", 5_000m, 5_000.25m);
        run.Market("2026-01-05T10:00:00Z", "ES", OrderSide.Buy, 1m);
        var stop = run.Submit("2026-01-05T10:02:00Z", new OrderRequest("ES", OrderSide.Sell, OrderType.Stop, 1m, TimeInForce.Gtc, StopPrice: 4_990m));
        Assert.Equal(OrderStatus.Accepted, stop.Order!.Status);

        run.AdvanceTo("2026-01-05T10:30:00Z");
        Assert.Equal(1m, run.Book.QuantityOf("ES"));
        Assert.DoesNotContain(run.Published, e => e.Kind == RuleEventKind.Violation);

        // Past the deadline the position must keep a stop: canceling it closes the position at once.
        run.Cancel("2026-01-05T10:31:00Z", stop.Order.Id);
        Assert.Equal(0m, run.Book.QuantityOf("ES"));
        Assert.Equal(31m, Assert.Single(run.Published, e => e.Kind == RuleEventKind.Violation).Measured);
    }

    [Fact]
    public void Flat_by_16_59_New_York_follows_the_wall_clock_across_the_DST_change()
    {
        var schedule = new SessionSchedule(Phases.Bare("America/New_York", 17) with { FlatByTime = new TimeOnly(16, 59) });
        // Friday 6 March 2026 is EST (UTC−5): 21:59Z, flat until the 17:00 reset at 22:00Z.
        var friday = schedule.NextClose(PhaseDriver.At("2026-03-06T12:00:00Z"))!.Value;
        Assert.Equal(PhaseDriver.At("2026-03-06T21:59:00Z"), friday);
        Assert.Equal(PhaseDriver.At("2026-03-06T22:00:00Z"), schedule.FlatUntil(friday));
        var saturday = schedule.NextClose(friday)!.Value;
        Assert.Equal(PhaseDriver.At("2026-03-07T21:59:00Z"), saturday);
        // Clocks go forward on Sunday 8 March: EDT (UTC−4), the close comes 23 hours after Saturday's.
        Assert.Equal(PhaseDriver.At("2026-03-08T20:59:00Z"), schedule.NextClose(saturday));
    }

    [Fact]
    public void At_the_flat_by_time_positions_are_closed_working_orders_canceled_and_opening_orders_refused_until_the_reset()
    {
        var rules = Phases.Bare("America/New_York", 17) with { FlatByTime = new TimeOnly(16, 59) };
        var run = new SessionDriver(rules, "2026-03-09T13:00:00Z");
        run.Quote("2026-03-09T13:00:00Z", "ES", 5_000m, 5_000.25m);
        run.Market("2026-03-09T14:00:00Z", "ES", OrderSide.Buy, 2m);
        var resting = run.Submit("2026-03-09T14:00:00Z", new OrderRequest("ES", OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 4_900m));

        // Monday 9 March is EDT: 16:59 New York is 20:59Z.
        run.AdvanceTo("2026-03-09T20:58:59Z");
        Assert.Equal(2m, run.Book.QuantityOf("ES"));
        run.AdvanceTo("2026-03-09T20:59:00Z");
        Assert.Equal(0m, run.Book.QuantityOf("ES"));
        Assert.Equal(OrderStatus.Canceled, run.Book.FindOrder(resting.Order!.Id)!.Status);
        var flattened = Assert.Single(run.Published, e => e.Kind == RuleEventKind.Flattened);
        Assert.Equal(("flatBy", 1m, PhaseDriver.At("2026-03-09T20:59:00Z")), (flattened.Rule, flattened.Measured, flattened.Time));
        Assert.Equal(PhaseStatus.Active, run.Evaluation.Status);

        var refused = run.Market("2026-03-09T20:59:30Z", "ES", OrderSide.Buy, 1m);
        Assert.Equal((OrderErrorCode.MustBeFlat, null), (refused.Error!.Code, refused.Error.Field));
        Assert.Equal(OrderStatus.Filled, run.Market("2026-03-09T21:00:00Z", "ES", OrderSide.Buy, 1m).Order!.Status);
    }

    [Fact]
    public void The_weekend_ban_closes_positions_at_Friday_s_close_and_refuses_opening_orders_until_Sunday_s_reset()
    {
        // Topstep-style: Chicago day from 17:00, flat for the weekend by 15:10 Friday; no daily flat-by.
        var rules = Phases.Bare("America/Chicago", 17) with { FlatForWeekend = true, WeekendCloseTime = new TimeOnly(15, 10) };
        var run = new SessionDriver(rules, "2026-01-08T15:00:00Z");
        run.Quote("2026-01-08T15:00:00Z", "ES", 5_000m, 5_000.25m);
        run.Market("2026-01-08T20:00:00Z", "ES", OrderSide.Buy, 1m);

        // Thursday's 15:10 (21:10Z) is no close; Friday 9 January 15:10 CST is 21:10Z.
        run.AdvanceTo("2026-01-09T21:09:59Z");
        Assert.Equal(1m, run.Book.QuantityOf("ES"));
        run.AdvanceTo("2026-01-09T21:10:00Z");
        Assert.Equal(0m, run.Book.QuantityOf("ES"));
        Assert.Equal("weekendHolding", Assert.Single(run.Published, e => e.Kind == RuleEventKind.Flattened).Rule);

        Assert.Equal(OrderErrorCode.MustBeFlat, run.Market("2026-01-09T23:00:00Z", "ES", OrderSide.Buy, 1m).Error!.Code);  // Friday's reset
        Assert.Equal(OrderErrorCode.MustBeFlat, run.Market("2026-01-11T22:59:59Z", "ES", OrderSide.Buy, 1m).Error!.Code);  // Sunday 16:59:59
        // Sunday 17:00 CST (23:00Z) begins Monday's trading day.
        Assert.Equal(OrderStatus.Filled, run.Market("2026-01-11T23:00:00Z", "ES", OrderSide.Buy, 1m).Order!.Status);
    }

    private static readonly NewsCalendar Payrolls = new([new NewsEvent(PhaseDriver.At("2026-01-09T13:30:00Z"), "Non-farm payrolls", "USD")]);

    [Theory]
    [InlineData("2026-01-09T13:27:59Z", false)]   // a second before 13:28
    [InlineData("2026-01-09T13:28:00Z", true)]    // the window [13:28, 13:32) starts
    [InlineData("2026-01-09T13:31:59Z", true)]
    [InlineData("2026-01-09T13:32:00Z", false)]   // its end is outside
    public void A_news_blackout_refuses_opening_orders_within_two_minutes_of_the_event(string time, bool refused)
    {
        var run = new SessionDriver(Utc(new OrderLimits(NewsBlackoutMinutes: 2)), "2026-01-09T12:00:00Z", news: Payrolls);
        run.Quote("2026-01-09T12:00:00Z", "ES", 5_000m, 5_000.25m);

        var result = run.Market(time, "ES", OrderSide.Buy, 1m);

        Assert.Equal(refused ? OrderErrorCode.NewsBlackout : null, result.Error?.Code);
        var evidence = run.Published.Where(e => e.Kind == RuleEventKind.OrderRefused).ToList();
        Assert.Equal(refused ? 1 : 0, evidence.Count);
        if (refused)
        {
            Assert.Equal(("newsBlackout", 1m, 2m, PhaseDriver.At(time)), (evidence[0].Rule, evidence[0].Measured, evidence[0].Limit, evidence[0].Time));
            Assert.Contains("Non-farm payrolls (USD)", evidence[0].Message);
        }
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, OrderErrorCode.NewsBlackout)]
    public void A_closing_order_inside_a_blackout_is_refused_only_when_the_plan_says_so(bool includesClosing, OrderErrorCode? expected)
    {
        var limits = new OrderLimits(NewsBlackoutMinutes: 2, NewsBlackoutIncludesClosing: includesClosing);
        var run = new SessionDriver(Utc(limits), "2026-01-09T12:00:00Z", news: Payrolls);
        run.Quote("2026-01-09T12:00:00Z", "ES", 5_000m, 5_000.25m);
        run.Market("2026-01-09T13:00:00Z", "ES", OrderSide.Buy, 1m);

        Assert.Equal(expected, run.Market("2026-01-09T13:30:00Z", "ES", OrderSide.Sell, 1m).Error?.Code);
    }

    [Fact]
    public void A_resting_order_filled_inside_a_blackout_is_recorded_as_evidence_and_does_not_fail_the_phase()
    {
        var run = new SessionDriver(Utc(new OrderLimits(NewsBlackoutMinutes: 2)), "2026-01-09T12:00:00Z", news: Payrolls);
        run.Quote("2026-01-09T12:00:00Z", "ES", 5_000m, 5_000.25m);
        var limit = run.Submit("2026-01-09T13:00:00Z", new OrderRequest("ES", OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 4_990m));

        run.Quote("2026-01-09T13:30:05Z", "ES", 4_989.50m, 4_989.75m);

        var fill = Assert.Single(run.Book.Fills);
        Assert.Equal(limit.Order!.Id, fill.OrderId);
        var violation = Assert.Single(run.Published, e => e.Kind == RuleEventKind.Violation);
        Assert.Equal(("newsBlackout", fill.Id, ObservationCause.Fill), (violation.Rule, violation.FillId, violation.Cause));
        Assert.Equal(PhaseDriver.At("2026-01-09T13:30:05Z"), violation.Time);
        Assert.Equal(PhaseStatus.Active, run.Evaluation.Status);
    }
}
