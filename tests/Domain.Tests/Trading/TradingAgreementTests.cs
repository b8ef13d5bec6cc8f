using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.TestSupport.Trading;
using Xunit.Abstractions;

namespace Crucible.Domain.Tests.Trading;

/// <summary>The agreement harness itself: silent when two targets agree, precise when they do not.</summary>
public sealed class TradingAgreementTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    private static ReferenceBrokerTarget Oracle(TradingTerms terms) =>
        new(new ReferenceBroker("acct-1", 200_000m, terms, TradingScenarioInstruments.Find, IsOpen));

    [Fact]
    public async Task Two_oracles_replaying_the_same_scenario_agree_on_everything()
    {
        var terms = TradingTerms.Default with { LimitFillsToTopOfBook = true };
        var actions = new TradingScenarioGenerator(11, Start, 200_000m, terms, IsOpen).Generate(3_000);

        await TradingAgreement.RunAsync(actions, Oracle(terms), Oracle(terms), checkpointEvery: 50);
    }

    [Fact]
    public async Task A_disagreement_names_the_action_number_the_action_and_both_values()
    {
        var terms = TradingTerms.Default;
        var actions = new TradingScenarioGenerator(11, Start, 200_000m, terms, IsOpen).Generate(3_000);
        var pricier = terms with
        {
            Commissions = new Dictionary<InstrumentKind, CommissionTerms>(terms.Commissions) { [InstrumentKind.Future] = new(2.26m, 0m) },
        };

        var failure = await Assert.ThrowsAsync<TradingDisagreementException>(
            () => TradingAgreement.RunAsync(actions, Oracle(terms), Oracle(pricier)));
        output.WriteLine(failure.Message);

        Assert.Matches(@"^The targets disagree after action #\d+ of 3000: ", failure.Message);
        Assert.Matches(@"fills\[F-\d+\]\.Commission: expected \d+\.\d\d, actual \d+\.\d\d", failure.Message);
        Assert.Contains("account.CommissionsPaid: expected", failure.Message);
    }
}
