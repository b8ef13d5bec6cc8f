using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// The price band must never hide a breach (docs/scale.md "Price band"): generated sessions, one or two symbols per
/// account, run through the silo's market dispatcher as a feed's ticks would come, so ticks inside an account's band are
/// parked and only the others wake it. The grain must still agree with the independent replay, which judges every tick:
/// same verdict, ended on the same tick or fill, same soft breaches and resumptions, and every rule event with the balance
/// and equity of its own tick. The run must also have parked ticks, many of them while two symbols shared the headroom,
/// or it proves nothing.
/// </summary>
[Collection(ChallengeClusterCollection.Name)]
public sealed class BandReplayAgreementTests(ChallengeClusterFixture fixture)
{
    private const int Sessions = 300;

    [Fact]
    public async Task Breaches_are_caught_on_their_exact_tick_with_ticks_inside_the_band_parked()
    {
        var runner = new GrainSessionRunner(fixture, throughMarket: true);
        var disagreements = new List<string>();
        var offMarket = new List<string>();
        var outcomes = new Dictionary<PhaseStatus, int>();
        var failedWhileParking = 0;
        var parked = 0;
        var parkedHoldingTwo = 0;
        for (var seed = 1; seed <= Sessions; seed++)
        {
            var session = ChallengeSessionGenerator.Generate(seed);
            var run = await runner.RunAsync(session);
            outcomes[run.Evaluation.Status] = outcomes.GetValueOrDefault(run.Evaluation.Status) + 1;
            parked += run.Parked;
            parkedHoldingTwo += run.ParkedHoldingTwo;
            if (run.Evaluation.Status == PhaseStatus.Failed && run.Parked > 0) failedWhileParking++;
            if (GrainReplayAgreementTests.Compare(session, run) is { } disagreement)
                disagreements.Add(disagreement);
            offMarket.AddRange(await GrainReplayAgreementTests.OffMarketFillsAsync(fixture, session, run));
        }

        Assert.True(offMarket.Count == 0, $"{offMarket.Count} fills at prices the market did not offer:\n" + string.Join("\n", offMarket.Take(10)));
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {Sessions} sessions disagree with the band on. The first ones:\n\n" + string.Join("\n\n", disagreements.Take(5)));
        // Not vacuous: the band parked ticks, with two symbols sharing the room too, in sessions that went on to fail.
        Assert.True(parked > 1_000, $"only {parked} ticks were parked");
        Assert.True(parkedHoldingTwo > 100, $"only {parkedHoldingTwo} ticks were parked while two symbols were held");
        Assert.True(failedWhileParking > 10, $"only {failedWhileParking} failed sessions parked ticks");
        Assert.True(outcomes.GetValueOrDefault(PhaseStatus.Failed) > 0 && outcomes.GetValueOrDefault(PhaseStatus.Passed) > 0,
            "the sessions should both fail and pass");
    }

    [Fact]
    public async Task A_breach_cannot_hide_between_two_symbols_drifting_against_the_account_together()
    {
        const int sessions = 120;
        var runner = new GrainSessionRunner(fixture, throughMarket: true);
        var disagreements = new List<string>();
        var failed = 0;
        var parkedHoldingTwo = 0;
        for (var seed = 1; seed <= sessions; seed++)
        {
            var session = TwoSymbolDriftSessions.Generate(seed);
            var run = await runner.RunAsync(session);
            if (run.Evaluation.Status == PhaseStatus.Failed) failed++;
            parkedHoldingTwo += run.ParkedHoldingTwo;
            if (GrainReplayAgreementTests.Compare(session, run) is { } disagreement)
                disagreements.Add(disagreement);
        }

        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {sessions} sessions disagree with the band on. The first ones:\n\n" + string.Join("\n\n", disagreements.Take(3)));
        Assert.True(failed > sessions / 2, $"only {failed} of {sessions} drifting sessions failed");
        Assert.True(parkedHoldingTwo > 2_000, $"only {parkedHoldingTwo} ticks were parked while both symbols were held");
    }
}
