using Crucible.Grains.Challenges.Payments;
using Crucible.Grains.Ledger;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// One assessment. The grain owns identity, state, payment and the phase accounts' books; <see cref="AssessmentLifecycle"/>
/// decides every transition. Each step is committed to the ledger (<see cref="AssessmentJournal"/>), then its state is
/// written, before a command is acknowledged; then the events are published and the directory told. The ledger is the
/// record and grain storage a cache: an activation whose ledger holds the assessment takes it from there
/// (<see cref="AssessmentRebuild"/>) when storage lost it or disagrees.
/// </summary>
/// <remarks>
/// Not reentrant: commands and phase outcomes are applied one at a time. Calling a book from here cannot deadlock,
/// because a book only ever tells its assessment one-way (<see cref="IPhaseListener"/>).
/// </remarks>
public sealed class AssessmentGrain(
    [PersistentState("assessment", StorageNames.Default)] IPersistentState<AssessmentGrainState> state,
    IPaymentProvider payments,
    EvaluatorRoster roster,
    ILedger ledger,
    ILedgerReader ledgerReader,
    [FromKeyedServices(EngineClock.Key)] TimeProvider clock,
    ILogger<AssessmentGrain> logger) : Grain, IAssessmentGrain
{
    private const string Currency = "USD";

    private IAsyncStream<AssessmentEvent> events = null!;
    private IAsyncStream<AssessmentEvent> feed = null!;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = this.GetStreamProvider(MarketStreams.Provider);
        events = streams.GetStream<AssessmentEvent>(AssessmentStreams.EventStream(Id));
        feed = streams.GetStream<AssessmentEvent>(AssessmentStreams.FeedStream);
        await RestoreFromLedgerAsync(cancellationToken);
        // The directory is told after each write; if that call was lost, a reactivation tells it again (it keeps the newest).
        if (state.State.Assessment is not null)
            await RecordInDirectoryAsync();
    }

    async Task<AssessmentResult> IAssessmentGrain.PurchaseAsync(PurchaseRequest request)
    {
        if (state.State.Assessment is { } existing)
        {
            if (!string.Equals(existing.PlanId, request.PlanId, StringComparison.OrdinalIgnoreCase) || existing.TraderId != request.TraderId)
                return AssessmentResult.Refused(AssessmentErrorCode.PurchaseConflict,
                    $"The purchase '{request.PurchaseId ?? Id}' already bought assessment '{Id}' ({existing.PlanId} for {existing.TraderId}).", "purchaseId");
            // A retry: finish what a crash may have interrupted (a pending assessment opens its first account), answer the same.
            if (existing.Status == AssessmentStatus.Pending)
                await ApplyAsync(AssessmentLifecycle.Activate(existing, state.State.Plan!, clock.GetUtcNow()));
            return AssessmentResult.Ok(state.State.Assessment!);
        }

        if (Validate(request) is { } invalid)
            return Refuse(invalid);
        var plan = await GrainFactory.GetGrain<IPlanCatalogGrain>(0).FindAsync(request.PlanId);
        if (plan is null)
            return Refuse(AssessmentResult.Refused(AssessmentErrorCode.UnknownPlan, $"No plan has the id '{request.PlanId}'.", "planId"));

        // The key covers the token: a retry of the same charge is answered once, another card after a decline is a new charge.
        var charge = await payments.ChargeAsync(new PaymentCharge(plan.Price, Currency, request.PaymentToken, $"{Id}:{request.PaymentToken}",
            $"Crucible {plan.Name} ({plan.Id})"));
        if (!charge.Approved)
        {
            logger.LogInformation("Purchase {AssessmentId} of {PlanId} by {TraderId} declined: {DeclineCode}", Id, plan.Id, request.TraderId, charge.DeclineCode);
            return Refuse(AssessmentResult.Refused(AssessmentErrorCode.PaymentDeclined, charge.Message ?? "The payment was declined.",
                "paymentToken", charge.DeclineCode));
        }

        var now = clock.GetUtcNow();
        var created = AssessmentLifecycle.Create(Id, plan, request with { PlanId = plan.Id }, charge.Reference!, now);
        var createdEvent = new AssessmentCreated(Id, created.TraderId, state.State.Sequence + 1, now, created);
        await AppendAsync(AssessmentJournal.Entries(null, created, plan, createdEvent.Sequence));
        state.State.Assessment = created;
        state.State.Plan = plan;
        state.State.Sequence = createdEvent.Sequence;
        await state.WriteStateAsync();
        logger.LogInformation("Assessment {AssessmentId} of {PlanId} bought by {TraderId} for {Price} ({PaymentReference})",
            Id, plan.Id, created.TraderId, plan.Price, charge.Reference);
        await PublishAsync([createdEvent]);
        await RecordInDirectoryAsync();

        await ApplyAsync(AssessmentLifecycle.Activate(created, plan, now));
        return AssessmentResult.Ok(state.State.Assessment!, created: true);
    }

    Task<Assessment?> IAssessmentGrain.GetAsync() => Task.FromResult(state.State.Assessment);

    Task<AssessmentSnapshot?> IAssessmentGrain.GetSnapshotAsync() => Task.FromResult(
        state.State.Assessment is { } assessment ? new AssessmentSnapshot(assessment, state.State.Sequence) : null);

    async Task<AssessmentAudit?> IAssessmentGrain.GetAuditAsync()
    {
        if (state.State.Assessment is not { } assessment)
            return null;
        var phases = await Task.WhenAll(assessment.Phases.Select(AuditPhaseAsync));
        return new AssessmentAudit(assessment, phases);
    }

    /// <summary>
    /// Applies a phase's outcome, then acknowledges it to the book, which re-sends it until it is acknowledged: an
    /// outcome whose application fails (the ledger is away) is applied on a later delivery, and a repeated one changes
    /// nothing (the lifecycle ignores an outcome it already has).
    /// </summary>
    async Task IPhaseListener.OnPhaseEndedAsync(PhaseOutcome outcome)
    {
        if (state.State.Assessment is { } assessment)
        {
            var step = AssessmentLifecycle.PhaseEnded(assessment, state.State.Plan!, outcome, clock.GetUtcNow());
            if (step.Changed)
            {
                try
                {
                    await ApplyAsync(step);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Assessment {AssessmentId} could not apply the {Status} outcome of {AccountId} yet; the book sends it again",
                        Id, outcome.Status, outcome.AccountId);
                    return;
                }
            }
            else
            {
                logger.LogDebug("Assessment {AssessmentId} ignores the {Status} outcome of {AccountId}", Id, outcome.Status, outcome.AccountId);
            }
        }
        await Book(outcome.AccountId).PhaseOutcomeAppliedAsync(outcome);
    }

    Task<AssessmentResult> IAssessmentGrain.AbandonAsync(string traderId, string? reason) =>
        RunAsync(a => AssessmentLifecycle.Abandon(a, traderId, reason, clock.GetUtcNow()));

    Task<AssessmentResult> IAssessmentGrain.ResetAsync(string traderId, string? reason) =>
        RunAsync(a => AssessmentLifecycle.TraderReset(a, state.State.Plan!, traderId, reason, clock.GetUtcNow()));

    // An evaluator is named by the configured roster or, for a signed-in user, by their roles (EvaluatorRosterGrain).
    async Task<AssessmentResult> IAssessmentGrain.EvaluatorPassAsync(EvaluatorDecision decision)
    {
        var evaluators = await EvaluatorRosterGrain.ForAsync(roster, GrainFactory, decision.EvaluatorId);
        return await RunAsync(a => AssessmentLifecycle.EvaluatorPass(a, state.State.Plan!, decision, evaluators, clock.GetUtcNow()));
    }

    async Task<AssessmentResult> IAssessmentGrain.EvaluatorFailAsync(EvaluatorDecision decision)
    {
        var evaluators = await EvaluatorRosterGrain.ForAsync(roster, GrainFactory, decision.EvaluatorId);
        return await RunAsync(a => AssessmentLifecycle.EvaluatorFail(a, decision, evaluators, clock.GetUtcNow()));
    }

    async Task<AssessmentResult> IAssessmentGrain.EvaluatorResetAsync(EvaluatorDecision decision)
    {
        var evaluators = await EvaluatorRosterGrain.ForAsync(roster, GrainFactory, decision.EvaluatorId);
        return await RunAsync(a => AssessmentLifecycle.EvaluatorReset(a, state.State.Plan!, decision, evaluators, clock.GetUtcNow()));
    }

    async Task<AssessmentResult> IAssessmentGrain.EvaluatorExtendAsync(EvaluatorDecision decision, int days)
    {
        var evaluators = await EvaluatorRosterGrain.ForAsync(roster, GrainFactory, decision.EvaluatorId);
        return await RunAsync(a => AssessmentLifecycle.EvaluatorExtend(a, state.State.Plan!, decision, days, evaluators, clock.GetUtcNow()), days);
    }

    private async Task<AssessmentResult> RunAsync(Func<Assessment, LifecycleStep> decide, int? extendDays = null)
    {
        if (state.State.Assessment is not { } assessment)
            return Refuse(AssessmentResult.Refused(AssessmentErrorCode.UnknownAssessment, $"No assessment has the id '{Id}'."));
        var step = decide(assessment);
        if (step.Error is { } error)
            return new AssessmentResult(null, error);
        if (extendDays is { } days && step.Transition is { } extension)
            await Book(assessment.CurrentAccountId!).ExtendEvaluationAsync(days, extension.Reason!);
        return await ApplyAsync(step, extendDays);
    }

    /// <summary>Carries a step out: stop the old phase's book, open the new one, write, then publish and index.</summary>
    private async Task<AssessmentResult> ApplyAsync(LifecycleStep step, int? extendedDays = null)
    {
        if (!step.Changed)
            return AssessmentResult.Ok(state.State.Assessment!);
        if (step.Stop is { } stop)
        {
            var ended = await Book(stop.AccountId).EndEvaluationAsync(stop.Status, stop.Rule, stop.Reason);
            // The book's rules may have ended the phase a moment earlier (its outcome is on its way here): an
            // evaluator's decision does not overrule what the rules already decided.
            if (stop.Rule == "evaluator" && ended is { Status: not PhaseStatus.Active } && ended.Status != stop.Status)
                return AssessmentResult.Refused(AssessmentErrorCode.InvalidTransition,
                    $"The phase already ended by its rules: {ended.Status.ToString().ToLowerInvariant()} ({ended.EndedBy}).");
        }
        if (step.Start is { } start)
            await Book(start.Phase.AccountId).OpenAsync(new OpenAccountRequest(start.AccountSize, null,
                new AccountEvaluation(Id, start.Phase.PhaseIndex, start.Rules, start.Phase.StartedAt)));

        var before = state.State.Assessment!;
        var after = step.Assessment;
        var transition = step.Transition!;
        var sequence = state.State.Sequence;
        var published = new List<AssessmentEvent>();
        if (after.Status != before.Status)
            published.Add(new AssessmentStatusChanged(Id, after.TraderId, ++sequence, transition.Time, transition));
        if (step.Start is { } started)
            published.Add(new AssessmentPhaseStarted(Id, after.TraderId, ++sequence, transition.Time, started.Phase, transition));
        if (extendedDays is { } days)
            published.Add(new AssessmentExtended(Id, after.TraderId, ++sequence, transition.Time, days, transition));
        await AppendAsync(AssessmentJournal.Entries(before, after, state.State.Plan!, sequence));
        state.State.Assessment = after;
        state.State.Sequence = sequence;
        await state.WriteStateAsync();
        logger.LogInformation("Assessment {AssessmentId}: {From} → {To} ({Cause}, {Rule}) by {Actor}",
            Id, transition.From, transition.To, transition.Cause, transition.Rule, transition.Actor);

        await PublishAsync(published);
        await RecordInDirectoryAsync();
        return AssessmentResult.Ok(after);
    }

    /// <summary>
    /// Appends a step's entries to the ledger (durable mode: the record reports, audits and rebuilds read) and waits for
    /// the commit, before the state that holds the step is written. When the append fails it may still have been
    /// committed (an ambiguous commit), and the step taken again would carry another time: this activation goes, so the
    /// next one starts from what the ledger holds.
    /// </summary>
    private async Task AppendAsync(IReadOnlyList<LedgerEntry> entries)
    {
        try
        {
            await ledger.AppendAsync(entries);
        }
        catch (Exception e) when (e is LedgerUnavailableException or LedgerConflictException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Takes the assessment from the ledger when the ledger has it (durable mode) and grain storage lost it or disagrees
    /// with it: the ledger is the record, storage a cache. An assessment bought before purchases were recorded has no
    /// history to rebuild from and keeps its storage.
    /// </summary>
    private async Task RestoreFromLedgerAsync(CancellationToken cancellationToken)
    {
        var history = await ledgerReader.ReadAssessmentAsync(Id, cancellationToken);
        if (history.Opened is null)
            return;
        RebuiltAssessment rebuilt;
        try
        {
            rebuilt = AssessmentRebuild.From(history);
        }
        catch (InvalidOperationException e) when (state.State.Assessment is not null)
        {
            logger.LogError(e, "Assessment {AssessmentId} cannot be rebuilt from its ledger; it keeps its grain storage", Id);
            return;
        }

        if (state.State.Assessment is { } stored)
        {
            var differences = AssessmentRebuild.Differences(stored, state.State.Plan, state.State.Sequence, rebuilt);
            if (differences.Count == 0)
                return;
            logger.LogWarning("Assessment {AssessmentId}: grain storage disagrees with the ledger on {Differences}; the ledger wins",
                Id, string.Join(", ", differences));
        }
        else
        {
            logger.LogWarning("Assessment {AssessmentId} has no grain state; rebuilt from the ledger: {Status}, attempt {Attempt}, phase {PhaseIndex}, {Transitions} transitions",
                Id, rebuilt.Assessment.Status, rebuilt.Assessment.Attempt, rebuilt.Assessment.PhaseIndex, rebuilt.Assessment.Transitions.Count);
        }
        state.State.Assessment = rebuilt.Assessment;
        state.State.Plan = rebuilt.Plan;
        state.State.Sequence = rebuilt.Sequence;
        await state.WriteStateAsync(cancellationToken);
    }

    private async Task<PhaseAudit> AuditPhaseAsync(AssessmentPhase phase)
    {
        var book = Book(phase.AccountId);
        var account = book.GetAccountAsync();
        var evaluation = book.GetEvaluationAsync();
        var orders = book.GetOrdersAsync(OrderStatusFilter.All);
        var fills = book.GetFillsAsync();
        var ruleEvents = book.GetRuleEventsAsync();
        var samples = book.GetEquitySamplesAsync();
        await Task.WhenAll(account, evaluation, orders, fills, ruleEvents, samples);
        return new PhaseAudit(phase, account.Result, evaluation.Result, [.. orders.Result.Reverse()], fills.Result, ruleEvents.Result, samples.Result);
    }

    private async Task PublishAsync(IReadOnlyList<AssessmentEvent> published)
    {
        foreach (var e in published)
        {
            try
            {
                await events.OnNextAsync(e);
                await feed.OnNextAsync(e);
            }
            catch (Exception ex)
            {
                // The state is written: a lost live event shows as a sequence gap and the client resyncs.
                logger.LogWarning(ex, "Could not publish event #{Sequence} of assessment {AssessmentId}", e.Sequence, Id);
            }
        }
    }

    /// <summary>The state is written, so the command has happened: a directory that cannot be told now is told on reactivation.</summary>
    private async Task RecordInDirectoryAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IAssessmentDirectoryGrain>(0).RecordAsync(state.State.Assessment!.Summary());
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record assessment {AssessmentId} in the directory", Id);
        }
    }

    private IPositionBookGrain Book(string accountId) => GrainFactory.GetGrain<IPositionBookGrain>(accountId);

    /// <summary>A refused purchase or a command on no assessment leaves nothing behind, not even an idle activation.</summary>
    private AssessmentResult Refuse(AssessmentResult refusal)
    {
        if (state.State.Assessment is null)
            DeactivateOnIdle();
        return refusal;
    }

    private static AssessmentResult? Validate(PurchaseRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.PlanId))
            return AssessmentResult.Refused(AssessmentErrorCode.InvalidField, "is required.", "planId");
        if (!AssessmentIds.IsValidPersonId(request.TraderId))
            return AssessmentResult.Refused(AssessmentErrorCode.InvalidField, "must be 1–64 letters, digits, '-', '_', '.' or '@'.", "traderId");
        if (string.IsNullOrWhiteSpace(request.PaymentToken))
            return AssessmentResult.Refused(AssessmentErrorCode.InvalidField, "is required.", "paymentToken");
        if (request.PurchaseId is not null && !AssessmentIds.IsValidPurchaseId(request.PurchaseId))
            return AssessmentResult.Refused(AssessmentErrorCode.InvalidField, "must be 1–40 letters, digits, '-' or '_'.", "purchaseId");
        return null;
    }
}
