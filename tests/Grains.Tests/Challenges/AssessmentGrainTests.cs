using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Orleans.Streams;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// The assessment grain on a real silo with the shipped plans and the simulated payment provider. Phase outcomes are
/// delivered as a position book would deliver them (one-way <see cref="IPhaseListener.OnPhaseEndedAsync"/>).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AssessmentGrainTests(ClusterFixture fixture)
{
    private const string Classic = "classic-2step-100k";
    private const string Futures = "futures-combine-50k";
    private static readonly EvaluatorDecision Evaluator = new("evaluator", "reviewed the trades");

    private readonly string trader = $"trader-{Guid.NewGuid():N}"[..20];

    private IAssessmentGrain Assessment(string id) => fixture.Client.GetGrain<IAssessmentGrain>(id);

    private IPositionBookGrain Book(string accountId) => fixture.Client.GetGrain<IPositionBookGrain>(accountId);

    private IAssessmentDirectoryGrain Directory => fixture.Client.GetGrain<IAssessmentDirectoryGrain>(0);

    private async Task<Assessment> BuyAsync(string plan = Classic, string token = "tok_visa")
    {
        var id = AssessmentIds.ForPurchase(null);
        var result = await Assessment(id).PurchaseAsync(new PurchaseRequest(plan, trader, token));
        Assert.Null(result.Error);
        return result.Assessment!;
    }

    private async Task<Assessment> EndPhaseAsync(Assessment a, PhaseStatus status, string rule)
    {
        await Assessment(a.Id).OnPhaseEndedAsync(new PhaseOutcome(a.CurrentAccountId!, a.Id, a.PhaseIndex, status, DateTimeOffset.UtcNow, rule, null));
        return await WaitForAsync(a.Id, x => x.Transitions.Count > a.Transitions.Count);
    }

    private async Task<Assessment> WaitForAsync(string id, Func<Assessment, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var a = await Assessment(id).GetAsync();
            if (a is not null && condition(a))
                return a;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"assessment {id} did not reach the expected state: {a?.Status}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_paid_purchase_creates_an_active_assessment_with_its_first_account_opened_and_indexed()
    {
        var a = await BuyAsync();

        Assert.Equal((AssessmentStatus.Active, 1, 0, 2, 540m), (a.Status, a.Attempt, a.PhaseIndex, a.PhaseCount, a.PricePaid));
        Assert.Equal($"{a.Id}-a1-p1", a.CurrentAccountId);
        Assert.StartsWith("sim_ch_", a.PaymentReference);
        Assert.Equal([TransitionCause.Purchased, TransitionCause.PhaseStarted], a.Transitions.Select(t => t.Cause));
        var account = await Book(a.CurrentAccountId!).GetAccountAsync();
        Assert.Equal((100_000m, 100_000m), (account!.InitialBalance, account.Equity));
        var listed = Assert.Single(await Directory.ListAsync(new AssessmentQuery(TraderId: trader)));
        Assert.Equal((a.Id, AssessmentStatus.Active, Classic), (listed.Id, listed.Status, listed.PlanId));
    }

    [Theory]
    [InlineData("tok_decline", "card_declined")]
    [InlineData("tok_insufficient_funds", "insufficient_funds")]
    public async Task A_declined_payment_creates_nothing(string token, string declineCode)
    {
        var id = AssessmentIds.ForPurchase(null);

        var result = await Assessment(id).PurchaseAsync(new PurchaseRequest(Classic, trader, token));

        Assert.Equal((AssessmentErrorCode.PaymentDeclined, "paymentToken", declineCode), (result.Error!.Code, result.Error.Field, result.Error.DeclineCode));
        Assert.Null(result.Assessment);
        Assert.Null(await Assessment(id).GetAsync());
        Assert.Null(await Book(AssessmentIds.PhaseAccount(id, 1, 0)).GetAccountAsync());
        Assert.Empty(await Directory.ListAsync(new AssessmentQuery(TraderId: trader)));
    }

    [Fact]
    public async Task An_unknown_plan_is_refused_naming_planId_and_creates_nothing()
    {
        var id = AssessmentIds.ForPurchase(null);

        var result = await Assessment(id).PurchaseAsync(new PurchaseRequest("no-such-plan", trader, "tok_visa"));

        Assert.Equal((AssessmentErrorCode.UnknownPlan, "planId"), (result.Error!.Code, result.Error.Field));
        Assert.Null(await Assessment(id).GetAsync());
    }

    [Fact]
    public async Task A_retried_purchase_answers_the_same_assessment_once_and_a_reused_purchase_id_for_another_plan_conflicts()
    {
        var purchaseId = Guid.NewGuid().ToString("N");
        var grain = Assessment(AssessmentIds.ForPurchase(purchaseId));

        var first = await grain.PurchaseAsync(new PurchaseRequest(Classic, trader, "tok_visa", purchaseId));
        var retry = await grain.PurchaseAsync(new PurchaseRequest(Classic, trader, "tok_visa", purchaseId));
        var other = await grain.PurchaseAsync(new PurchaseRequest(Futures, trader, "tok_visa", purchaseId));

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.Assessment!.PaymentReference, retry.Assessment!.PaymentReference);
        Assert.Equal(first.Assessment.Transitions.Count, retry.Assessment.Transitions.Count);
        Assert.Equal(AssessmentErrorCode.PurchaseConflict, other.Error!.Code);
        Assert.Single(await Directory.ListAsync(new AssessmentQuery(TraderId: trader)));
    }

    [Fact]
    public async Task A_passed_phase_opens_the_next_phase_account_and_the_last_pass_opens_the_funded_account()
    {
        var a = await BuyAsync();

        var phase2 = await EndPhaseAsync(a, PhaseStatus.Passed, "profit_target");
        var funded = await EndPhaseAsync(phase2, PhaseStatus.Passed, "profit_target");

        Assert.Equal((AssessmentStatus.Active, 1, $"{a.Id}-a1-p2"), (phase2.Status, phase2.PhaseIndex, phase2.CurrentAccountId));
        Assert.Equal(100_000m, (await Book(phase2.CurrentAccountId!).GetAccountAsync())!.Equity);
        Assert.Equal((AssessmentStatus.Funded, $"{a.Id}-a1-funded"), (funded.Status, funded.CurrentAccountId));
        Assert.NotNull(await Book(funded.CurrentAccountId!).GetAccountAsync());
        Assert.Equal([PhaseStatus.Passed, PhaseStatus.Passed, (PhaseStatus?)null], funded.Phases.Select(p => p.Outcome));
    }

    [Theory]
    [InlineData(PhaseStatus.Failed, AssessmentStatus.Failed, TransitionCause.RuleBreached)]
    [InlineData(PhaseStatus.Expired, AssessmentStatus.Expired, TransitionCause.TimeExpired)]
    public async Task A_breach_fails_and_a_deadline_expires_the_attempt_recording_the_rule(PhaseStatus outcome, AssessmentStatus status, TransitionCause cause)
    {
        var a = await BuyAsync(Futures);

        var ended = await EndPhaseAsync(a, outcome, "overall_loss");

        Assert.Equal(status, ended.Status);
        var last = ended.Transitions[^1];
        Assert.Equal((AssessmentStatus.Active, status, cause, "overall_loss", "system"), (last.From, last.To, last.Cause, last.Rule, last.Actor));
        Assert.Equal(status, (await Directory.ListAsync(new AssessmentQuery(TraderId: trader))).Single().Status);
    }

    [Fact]
    public async Task A_reset_starts_a_new_attempt_on_a_new_account_and_keeps_the_old_records()
    {
        var a = await BuyAsync(Futures);
        var failed = await EndPhaseAsync(a, PhaseStatus.Failed, "daily_loss");

        var reset = await Assessment(a.Id).ResetAsync(trader, "again");

        var r = reset.Assessment!;
        Assert.Equal((AssessmentStatus.Active, 2, $"{a.Id}-a2-p1"), (r.Status, r.Attempt, r.CurrentAccountId));
        Assert.Equal(failed.Transitions, r.Transitions.Take(failed.Transitions.Count));
        Assert.Equal([$"{a.Id}-a1-p1", $"{a.Id}-a2-p1"], r.Phases.Select(p => p.AccountId));
        Assert.NotNull(await Book($"{a.Id}-a1-p1").GetAccountAsync());   // the old account is still there to audit
        Assert.NotNull(await Book($"{a.Id}-a2-p1").GetAccountAsync());
        var audit = (await Assessment(a.Id).GetAuditAsync())!;
        Assert.Equal([(1, 0), (2, 0)], audit.Phases.Select(p => (p.Phase.Attempt, p.Phase.PhaseIndex)));
        Assert.All(audit.Phases, p => Assert.Equal(50_000m, p.Account!.InitialBalance));
    }

    [Fact]
    public async Task Someone_else_cannot_reset_or_abandon_an_assessment()
    {
        var a = await BuyAsync(Futures);

        Assert.Equal(AssessmentErrorCode.NotTrader, (await Assessment(a.Id).ResetAsync("mallory", null)).Error!.Code);
        Assert.Equal(AssessmentErrorCode.NotTrader, (await Assessment(a.Id).AbandonAsync("mallory", null)).Error!.Code);
        Assert.Equal(AssessmentStatus.Active, (await Assessment(a.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task Abandoning_ends_the_assessment_for_good()
    {
        var a = await BuyAsync(Futures);

        var abandoned = await Assessment(a.Id).AbandonAsync(trader, "changed my mind");
        var reset = await Assessment(a.Id).ResetAsync(trader, null);

        Assert.Equal(AssessmentStatus.Abandoned, abandoned.Assessment!.Status);
        Assert.Equal("changed my mind", abandoned.Assessment.Transitions[^1].Reason);
        Assert.Equal(AssessmentErrorCode.InvalidTransition, reset.Error!.Code);
    }

    [Fact]
    public async Task An_override_by_a_non_evaluator_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var a = await BuyAsync();
        var grain = Assessment(a.Id);

        var stranger = await grain.EvaluatorFailAsync(new EvaluatorDecision(trader, "I say so"));
        var noReason = await grain.EvaluatorPassAsync(Evaluator with { Reason = " " });
        var noReasonExtend = await grain.EvaluatorExtendAsync(Evaluator with { Reason = "" }, 3);

        Assert.Equal((AssessmentErrorCode.NotEvaluator, "evaluatorId"), (stranger.Error!.Code, stranger.Error.Field));
        Assert.Equal((AssessmentErrorCode.InvalidField, "reason"), (noReason.Error!.Code, noReason.Error.Field));
        Assert.Equal((AssessmentErrorCode.InvalidField, "reason"), (noReasonExtend.Error!.Code, noReasonExtend.Error.Field));
        var after = (await grain.GetAsync())!;
        Assert.Equal((a.Status, a.PhaseIndex, a.UpdatedAt), (after.Status, after.PhaseIndex, after.UpdatedAt));
        Assert.Equal(a.Transitions, after.Transitions);
    }

    [Fact]
    public async Task Evaluator_overrides_are_recorded_with_the_evaluator_and_the_reason()
    {
        var a = await BuyAsync();
        var grain = Assessment(a.Id);

        var extended = await grain.EvaluatorExtendAsync(Evaluator, 7);   // the classic plan has no time limit
        var passed = await grain.EvaluatorPassAsync(Evaluator with { Reason = "objectives met on review" });
        var failed = await grain.EvaluatorFailAsync(Evaluator with { Reason = "copy trading" });
        var reset = await grain.EvaluatorResetAsync(Evaluator with { Reason = "goodwill" });

        Assert.Equal(AssessmentErrorCode.InvalidTransition, extended.Error!.Code);
        Assert.Equal((AssessmentStatus.Active, 1), (passed.Assessment!.Status, passed.Assessment.PhaseIndex));
        Assert.Equal(AssessmentStatus.Failed, failed.Assessment!.Status);
        Assert.Equal((AssessmentStatus.Active, 2, 0), (reset.Assessment!.Status, reset.Assessment.Attempt, reset.Assessment.PhaseIndex));
        var overrides = reset.Assessment.Transitions.Skip(2).Select(t => (t.Cause, t.Actor, t.Reason));
        Assert.Equal([
            (TransitionCause.EvaluatorPassed, "evaluator", "objectives met on review"),
            (TransitionCause.EvaluatorFailed, "evaluator", "copy trading"),
            (TransitionCause.EvaluatorReset, "evaluator", "goodwill"),
        ], overrides);
        Assert.Equal(PhaseStatus.Passed, (await Book($"{a.Id}-a1-p1").GetEvaluationAsync())!.Status);
        Assert.Equal((PhaseStatus.Failed, "evaluator"), ((await Book($"{a.Id}-a1-p2").GetEvaluationAsync())!.Status, (await Book($"{a.Id}-a1-p2").GetEvaluationAsync())!.EndedBy));
    }

    [Fact]
    public async Task The_directory_filters_by_status_plan_trader_and_creation_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var classic = await BuyAsync();
        var futures = await BuyAsync(Futures);
        await EndPhaseAsync(futures, PhaseStatus.Failed, "daily_loss");

        async Task<IEnumerable<string>> Ids(AssessmentQuery q) => (await Directory.ListAsync(q with { TraderId = trader })).Select(s => s.Id);

        Assert.Equal([futures.Id, classic.Id], await Ids(new AssessmentQuery()));   // newest first
        Assert.Equal([futures.Id], await Ids(new AssessmentQuery(Status: AssessmentStatus.Failed)));
        Assert.Equal([classic.Id], await Ids(new AssessmentQuery(PlanId: "CLASSIC-2STEP-100K")));
        Assert.Equal([futures.Id, classic.Id], await Ids(new AssessmentQuery(From: before)));
        Assert.Empty(await Ids(new AssessmentQuery(To: before)));
        Assert.Empty(await Directory.ListAsync(new AssessmentQuery(TraderId: "nobody-" + trader)));
    }

    [Fact]
    public async Task Status_changes_and_phase_starts_are_published_on_the_assessment_stream_in_sequence()
    {
        var id = AssessmentIds.ForPurchase(null);
        var received = new ConcurrentQueue<AssessmentEvent>();
        var handle = await fixture.Client.GetStreamProvider(MarketStreams.Provider)
            .GetStream<AssessmentEvent>(AssessmentStreams.EventStream(id))
            .SubscribeAsync((e, _) => { received.Enqueue(e); return Task.CompletedTask; });
        try
        {
            var a = (await Assessment(id).PurchaseAsync(new PurchaseRequest(Classic, trader, "tok_visa"))).Assessment!;
            await EndPhaseAsync(a, PhaseStatus.Failed, "overall_loss");

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (received.Count < 4 && DateTime.UtcNow < deadline)
                await Task.Delay(20);

            Assert.Equal(["assessment.created", "assessment.status_changed", "assessment.phase_started", "assessment.status_changed"],
                received.Select(e => e.Type));
            Assert.Equal([1L, 2, 3, 4], received.Select(e => e.Sequence));
            Assert.Equal(AssessmentStatus.Failed, ((AssessmentStatusChanged)received.Last()).Transition.To);
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }
}
