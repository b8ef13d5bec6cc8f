using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Assessments whose phase accounts really trade and really evaluate: breaches fail them, targets pass them to the next
/// phase, and the leaderboard ranks them. Prices come from the tests; equity shares pay 0.005 per share commission.
/// </summary>
[Collection(AssessmentClusterCollection.Name)]
public sealed class AssessmentEvaluationTests(AssessmentClusterFixture fixture)
{
    private readonly AssessmentTrading session = new(fixture);

    private IAssessmentGrain Assessment(string id) => session.Assessment(id);

    private IPositionBookGrain Book(string accountId) => session.Book(accountId);

    private Task<Assessment> BuyAsync(string plan) => session.BuyAsync(plan);

    private Task QuoteAsync(string symbol, decimal bid, decimal ask, params string[] accounts) => session.QuoteAsync(symbol, bid, ask, accounts);

    private Task TradeAsync(string account, string symbol, OrderSide side, decimal quantity) => session.TradeAsync(account, symbol, side, quantity);

    private Task<Assessment> WaitForAsync(string id, Func<Assessment, bool> condition, TimeSpan? within = null) => session.WaitForAsync(id, condition, within);

    [Fact]
    public async Task A_hard_daily_loss_breach_fails_the_assessment_with_the_breach_as_evidence_and_flattens_the_account()
    {
        const string symbol = "T-SEQ";
        var a = await BuyAsync("quick-2step");
        var account = a.CurrentAccountId!;
        await QuoteAsync(symbol, 100.00m, 100.01m, account);
        await TradeAsync(account, symbol, OrderSide.Buy, 2000);

        // Balance 100,000 − 10 commission; at bid 97: 2,000 × (97 − 100.01) = −6,020 → equity 93,970 ≤ 95,000 floor.
        await QuoteAsync(symbol, 97.00m, 97.01m, account);
        var failed = await WaitForAsync(a.Id, x => x.Status != AssessmentStatus.Active);

        Assert.Equal(AssessmentStatus.Failed, failed.Status);
        var last = failed.Transitions[^1];
        Assert.Equal((TransitionCause.RuleBreached, "system"), (last.Cause, last.Actor));
        Assert.NotNull(last.Rule);
        Assert.Equal((RuleEventKind.Breach, 93_970m), (last.Evidence!.Kind, last.Evidence.Equity));
        Assert.Empty(await Book(account).GetPositionsAsync());
        Assert.Equal(PhaseStatus.Failed, (await Book(account).GetEvaluationAsync())!.Status);
    }

    [Fact]
    public async Task An_outcome_whose_ledger_append_fails_is_applied_once_the_ledger_returns()
    {
        const string symbol = "T-BARS";
        var a = await BuyAsync("quick-2step");
        var account = a.CurrentAccountId!;
        await QuoteAsync(symbol, 100.00m, 100.01m, account);
        await TradeAsync(account, symbol, OrderSide.Buy, 2000);
        // The assessment's next transition (the failure) cannot be stored, twice: the ledger is away for a while.
        fixture.Ledger.FailNext(e => e is AssessmentTransition t && t.AssessmentId == a.Id, 2);
        var failedBefore = fixture.Ledger.Failed;

        await QuoteAsync(symbol, 97.00m, 97.01m, account);

        // The book committed the breach; the assessment could not record it, so it has not applied it.
        Assert.Equal(PhaseStatus.Failed, (await Book(account).GetEvaluationAsync())!.Status);
        await Task.Delay(300);
        Assert.Equal(AssessmentStatus.Active, (await Assessment(a.Id).GetAsync())!.Status);
        Assert.DoesNotContain(Transitions(a.Id), t => t.Cause.StartsWith("RuleBreached", StringComparison.Ordinal));
        // The book sends the outcome again until the assessment acknowledges it (after 2 s, then 4 s).
        var failed = await WaitForAsync(a.Id, x => x.Status != AssessmentStatus.Active, TimeSpan.FromSeconds(20));

        Assert.Equal(AssessmentStatus.Failed, failed.Status);
        Assert.Equal(2, fixture.Ledger.Failed - failedBefore);
        var applied = Assert.Single(failed.Transitions, t => t.Cause == TransitionCause.RuleBreached);
        Assert.Equal(93_970m, applied.Evidence!.Equity);
        // Applied once, in the ledger as in the grain: the breach with its evidence and the phase it ended.
        var recorded = Assert.Single(Transitions(a.Id), t => t.Cause.StartsWith("RuleBreached", StringComparison.Ordinal));
        Assert.Equal(("active", "failed", PhaseStatus.Failed, 93_970m), (recorded.From, recorded.To, recorded.PhaseEnded, recorded.Evidence!.Equity));
        var snapshot = (await Assessment(a.Id).GetSnapshotAsync())!;
        var rebuilt = AssessmentRebuild.From(await fixture.Ledger.ReadAssessmentAsync(a.Id));
        Assert.Empty(AssessmentRebuild.Differences(snapshot.Assessment, rebuilt.Plan, snapshot.Sequence, rebuilt));
    }

    private List<AssessmentTransition> Transitions(string assessmentId) =>
        [.. fixture.Ledger.Entries.OfType<AssessmentTransition>().Where(t => t.AssessmentId == assessmentId)];

    [Fact]
    public async Task Reaching_the_target_passes_phase_1_into_a_fresh_phase_2_account_and_then_into_the_funded_account()
    {
        const string symbol = "T-STREAM";
        var a = await BuyAsync("quick-2step");

        // Buy 1,000 at 100.01, sell at 102: 1,990 realized − 10 commission = +1,980 closed ≥ the 1,000 target.
        await QuoteAsync(symbol, 100.00m, 100.01m, a.CurrentAccountId!);
        await TradeAsync(a.CurrentAccountId!, symbol, OrderSide.Buy, 1000);
        await QuoteAsync(symbol, 102.00m, 102.01m, a.CurrentAccountId!);
        await TradeAsync(a.CurrentAccountId!, symbol, OrderSide.Sell, 1000);
        var phase2 = await WaitForAsync(a.Id, x => x.PhaseIndex == 1);

        Assert.Equal((AssessmentStatus.Active, $"{a.Id}-a1-p2"), (phase2.Status, phase2.CurrentAccountId));
        Assert.Equal((TransitionCause.PhasePassed, "system"), (phase2.Transitions[^1].Cause, phase2.Transitions[^1].Actor));
        Assert.Equal(101_980m, (await Book(a.CurrentAccountId!).GetAccountAsync())!.Balance);
        var fresh = (await Book(phase2.CurrentAccountId!).GetEvaluationAsync())!;
        Assert.Equal((1, PhaseStatus.Active, 100_000m, 100_000m), (fresh.PhaseIndex, fresh.Status, fresh.InitialBalance, fresh.Balance));

        await QuoteAsync(symbol, 100.00m, 100.01m, phase2.CurrentAccountId!);
        await TradeAsync(phase2.CurrentAccountId!, symbol, OrderSide.Buy, 1000);
        await QuoteAsync(symbol, 102.00m, 102.01m, phase2.CurrentAccountId!);
        await TradeAsync(phase2.CurrentAccountId!, symbol, OrderSide.Sell, 1000);
        var funded = await WaitForAsync(a.Id, x => x.Status != AssessmentStatus.Active);

        Assert.Equal((AssessmentStatus.Funded, $"{a.Id}-a1-funded"), (funded.Status, funded.CurrentAccountId));
        Assert.Equal(100_000m, (await Book(funded.CurrentAccountId!).GetAccountAsync())!.Equity);
    }

    [Fact]
    public async Task A_reset_after_a_breach_trades_on_a_fresh_account_and_the_audit_keeps_the_failed_attempt()
    {
        const string symbol = "T-BARS";
        var a = await BuyAsync("quick-2step");
        var first = a.CurrentAccountId!;
        await QuoteAsync(symbol, 100.00m, 100.01m, first);
        await TradeAsync(first, symbol, OrderSide.Buy, 2000);
        await QuoteAsync(symbol, 97.00m, 97.01m, first);
        await WaitForAsync(a.Id, x => x.Status == AssessmentStatus.Failed);

        var reset = (await Assessment(a.Id).ResetAsync(session.Trader, "again")).Assessment!;
        var audit = (await Assessment(a.Id).GetAuditAsync())!;

        Assert.Equal(100_000m, (await Book(reset.CurrentAccountId!).GetAccountAsync())!.Equity);
        var old = audit.Phases[0];
        Assert.Equal((first, PhaseStatus.Failed), (old.Phase.AccountId, old.Phase.Outcome));
        Assert.Equal(2, old.Fills.Count);   // the buy and the flattening sell
        Assert.Contains(old.RuleEvents, e => e.Kind == RuleEventKind.Breach);
        Assert.NotEmpty(old.EquitySamples);
        Assert.Empty(audit.Phases[1].Fills);
    }

    [Fact]
    public async Task An_evaluator_fail_flattens_the_running_account()
    {
        const string symbol = "T-SEQ";
        var a = await BuyAsync("quick-1step");
        await QuoteAsync(symbol, 100.00m, 100.01m, a.CurrentAccountId!);
        await TradeAsync(a.CurrentAccountId!, symbol, OrderSide.Buy, 10);

        var failed = await Assessment(a.Id).EvaluatorFailAsync(new EvaluatorDecision("eva", "copy trading"));

        Assert.Equal(AssessmentStatus.Failed, failed.Assessment!.Status);
        Assert.Empty(await Book(a.CurrentAccountId!).GetPositionsAsync());
        Assert.Equal(PhaseStatus.Failed, (await Book(a.CurrentAccountId!).GetEvaluationAsync())!.Status);
        Assert.Equal(AssessmentErrorCode.NotEvaluator,
            (await Assessment(a.Id).EvaluatorResetAsync(new EvaluatorDecision("evaluator", "not on this silo's roster"))).Error!.Code);
    }

    [Fact]
    public async Task An_evaluator_extension_moves_the_phase_time_limit_and_is_recorded_on_both_sides()
    {
        var a = await BuyAsync("quick-2step");

        var extended = await Assessment(a.Id).EvaluatorExtendAsync(new EvaluatorDecision("eva", "exchange outage"), 7);

        Assert.Equal((TransitionCause.EvaluatorExtended, "eva", "exchange outage"),
            (extended.Assessment!.Transitions[^1].Cause, extended.Assessment.Transitions[^1].Actor, extended.Assessment.Transitions[^1].Reason));
        var recorded = Assert.Single(await Book(a.CurrentAccountId!).GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Extended);
        Assert.Equal((7m, 37m), (recorded.Measured, recorded.Limit));   // 30 days + 7
    }

    [Fact]
    public async Task The_leaderboard_ranks_by_return_and_by_return_over_drawdown()
    {
        // Two equities on their own symbols, so each account sees only its own prices.
        var steady = await BuyAsync("quick-1step");
        var wild = await BuyAsync("quick-1step");
        await QuoteAsync("T-SEQ", 100.00m, 100.01m, steady.CurrentAccountId!);
        await TradeAsync(steady.CurrentAccountId!, "T-SEQ", OrderSide.Buy, 1000);
        await QuoteAsync("T-STREAM", 100.00m, 100.01m, wild.CurrentAccountId!);
        await TradeAsync(wild.CurrentAccountId!, "T-STREAM", OrderSide.Buy, 1000);
        await QuoteAsync("T-STREAM", 97.00m, 97.01m, wild.CurrentAccountId!);    // wild dips about 3 %
        await QuoteAsync("T-SEQ", 101.00m, 101.01m, steady.CurrentAccountId!);  // steady: 99,995 + 990 = 100,985
        await QuoteAsync("T-STREAM", 102.00m, 102.01m, wild.CurrentAccountId!); // wild: 99,995 + 1,990 = 101,985

        var directory = fixture.Client.GetGrain<IAssessmentDirectoryGrain>(0);
        var byReturn = (await directory.GetLeaderboardAsync(LeaderboardOrder.Return, 100)).Where(e => e.TraderId == session.Trader).ToList();
        var byRisk = (await directory.GetLeaderboardAsync(LeaderboardOrder.RiskAdjusted, 100)).Where(e => e.TraderId == session.Trader).ToList();

        Assert.Equal([wild.Id, steady.Id], byReturn.Select(e => e.AssessmentId));
        Assert.Equal([steady.Id, wild.Id], byRisk.Select(e => e.AssessmentId));
        var s = byReturn.Single(e => e.AssessmentId == steady.Id);
        var w = byReturn.Single(e => e.AssessmentId == wild.Id);
        Assert.Equal((100_985m, 0.985m), (s.Equity, s.ReturnPercent));
        Assert.Equal((101_985m, 1.985m), (w.Equity, w.ReturnPercent));
        Assert.Equal(0.985m, s.RiskAdjustedReturn);   // a drawdown of cents counts as 1 %
        // The dip to bid 97: 3,000 below the equity at the fill, 3,015 below the initial balance, whichever peak the book counts from.
        Assert.InRange(w.MaxDrawdown, 3_000m, 3_015m);
        Assert.Equal(Math.Round(1.985m / w.MaxDrawdownPercent, 4, MidpointRounding.AwayFromZero), w.RiskAdjustedReturn);
    }
}
