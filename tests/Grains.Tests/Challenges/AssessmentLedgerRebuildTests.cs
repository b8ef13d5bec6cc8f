using Crucible.Grains.Challenges.Assessments;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Orleans.Core.Internal;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// The ledger is the record and grain storage a cache (docs/durability.md "Assessments"): an assessment whose grain state
/// is lost, or is behind the ledger, comes back as the ledger has it and goes on.
/// </summary>
[Collection(AssessmentClusterCollection.Name)]
public sealed class AssessmentLedgerRebuildTests(AssessmentClusterFixture fixture)
{
    private const string AssessmentState = "assessment";
    private readonly AssessmentTrading session = new(fixture);

    [Fact]
    public async Task An_assessment_whose_grain_state_is_wiped_comes_back_from_the_ledger_and_applies_the_next_outcome()
    {
        const string symbol = "T-SEQ";
        var a = await session.BuyAsync("quick-2step");
        await session.Assessment(a.Id).EvaluatorExtendAsync(new EvaluatorDecision("eva", "exchange outage"), 3);
        // Phase 1 passed by its target (the book's outcome), then phase 2 mid-challenge with a position.
        await session.QuoteAsync(symbol, 100.00m, 100.01m, a.CurrentAccountId!);
        await session.TradeAsync(a.CurrentAccountId!, symbol, OrderSide.Buy, 1000);
        await session.QuoteAsync(symbol, 102.00m, 102.01m, a.CurrentAccountId!);
        await session.TradeAsync(a.CurrentAccountId!, symbol, OrderSide.Sell, 1000);
        var phase2 = await session.WaitForAsync(a.Id, x => x.PhaseIndex == 1);
        await session.QuoteAsync(symbol, 100.00m, 100.01m, phase2.CurrentAccountId!);
        await session.TradeAsync(phase2.CurrentAccountId!, symbol, OrderSide.Buy, 2000);
        var before = (await session.Assessment(a.Id).GetSnapshotAsync())!;

        // The assessment's state and its trader's list are lost; the grain goes.
        Assert.True(fixture.Storage.Wipe(AssessmentState, session.Assessment(a.Id).GetGrainId()));
        Assert.True(fixture.Storage.Wipe("trader-assessments", fixture.Client.GetGrain<ITraderAssessmentsGrain>(session.Trader).GetGrainId()));
        await DeactivateAsync(a.Id);

        var after = (await session.Assessment(a.Id).GetSnapshotAsync())!;
        AssertSame(before.Assessment, after.Assessment);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal((AssessmentStatus.Active, 1, 1, $"{a.Id}-a1-p2"), (after.Assessment.Status, after.Assessment.Attempt, after.Assessment.PhaseIndex, after.Assessment.CurrentAccountId));
        Assert.Equal([PhaseStatus.Passed, null], after.Assessment.Phases.Select(p => p.Outcome));
        // Written back, and listed for its trader again.
        Assert.Equal(AssessmentStatus.Active, fixture.Storage.Read<AssessmentGrainState>(AssessmentState, session.Assessment(a.Id).GetGrainId())!.Assessment!.Status);
        var listed = Assert.Single(await fixture.Client.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(TraderId: session.Trader)));
        Assert.Equal((a.Id, 1), (listed.Id, listed.PhaseIndex));

        // Phase 2's hard daily loss: 2,000 × (97 − 100.01) = −6,020 from a balance of 99,990 → 93,970 ≤ the 95,000 floor.
        await session.QuoteAsync(symbol, 97.00m, 97.01m, phase2.CurrentAccountId!);
        var failed = await session.WaitForAsync(a.Id, x => x.Status != AssessmentStatus.Active);

        Assert.Equal((AssessmentStatus.Failed, TransitionCause.RuleBreached, 93_970m),
            (failed.Status, failed.Transitions[^1].Cause, failed.Transitions[^1].Evidence!.Equity));
        Assert.Equal(before.Sequence + 1, (await session.Assessment(a.Id).GetSnapshotAsync())!.Sequence);   // status changed
        Assert.Equal(before.Assessment.Transitions, failed.Transitions.Take(before.Assessment.Transitions.Count));
    }

    [Fact]
    public async Task Grain_state_a_step_behind_the_ledger_is_overruled_by_the_ledger()
    {
        var a = await session.BuyAsync("quick-1step");
        var grain = session.Assessment(a.Id).GetGrainId();
        var stale = fixture.Storage.Read<AssessmentGrainState>(AssessmentState, grain)!;
        // The decision is committed to the ledger; the state written after it is lost (a silo dying between the two).
        var decided = (await session.Assessment(a.Id).EvaluatorFailAsync(new EvaluatorDecision("eva", "copy trading"))).Assessment!;
        fixture.Storage.Put(AssessmentState, grain, stale);
        await DeactivateAsync(a.Id);

        var after = (await session.Assessment(a.Id).GetSnapshotAsync())!;

        AssertSame(decided, after.Assessment);
        Assert.Equal(stale.Sequence + 1, after.Sequence);
        Assert.Equal(AssessmentStatus.Failed, fixture.Storage.Read<AssessmentGrainState>(AssessmentState, grain)!.Assessment!.Status);
        // A reset goes on from the failed assessment, as it would have without the loss.
        var reset = (await session.Assessment(a.Id).ResetAsync(session.Trader, "again")).Assessment!;
        Assert.Equal((AssessmentStatus.Active, 2, $"{a.Id}-a2-p1"), (reset.Status, reset.Attempt, reset.CurrentAccountId));
    }

    private static void AssertSame(Assessment expected, Assessment actual)
    {
        Assert.Equal(expected.Phases, actual.Phases);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected, actual with { Phases = expected.Phases, Transitions = expected.Transitions });
    }

    private async Task DeactivateAsync(string id)
    {
        var grain = session.Assessment(id);
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == grain.GetGrainId()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"assessment {id} did not deactivate");
            await Task.Delay(20);
        }
    }
}
