using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Trading;

/// <summary>
/// docs/trading.md "Times" through Orleans: quotes reach the grain after the commands that ran while they were on
/// their way (stamped up to 15 ms before the action before them, while the engine clock never goes back), and still
/// the account's fills and order times, as the grain API returns them, never go back.
/// </summary>
[Collection(LateQuoteClusterCollection.Name)]
public sealed class PositionBookTimesTests(TradingClusterFixture fixture)
{
    private const decimal InitialBalance = 200_000m;

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    [Fact]
    public async Task Fills_and_order_times_read_through_the_grain_never_go_back_when_quotes_arrive_late()
    {
        var terms = TradingTerms.Default with { LimitFillsToTopOfBook = true };
        var generator = new TradingScenarioGenerator(20261203, TradingClusterFixture.Start, InitialBalance, terms, IsOpen);
        var actions = LateQuotes.Delay(generator.Generate(3_000), 20261203, TimeSpan.FromMilliseconds(15));
        Assert.True(LateQuotes.OutOfOrder(actions) > 300, "the scenario must hold many late quotes");

        var grain = fixture.Client.GetGrain<IPositionBookGrain>("times-run-1");
        await grain.OpenAsync(new OpenAccountRequest(InitialBalance, terms));
        var book = new PositionBookGrainTarget(grain, fixture);
        var lateFills = 0;
        foreach (var action in actions)
        {
            var before = (await book.Fills()).Count;
            await action.ApplyTo(book);
            if (action is ApplyQuoteAction late)
                lateFills += (await book.Fills()).Skip(before).Count(f => f.Time > late.Quote.Time);
        }

        var fills = await book.Fills();
        Assert.True(fills.Count > 200, $"only {fills.Count} fills");
        Assert.True(lateFills > 0, "no fill on a late quote");
        Assert.Empty(AccountTimes.GoingBack(fills, await book.Orders()));
    }
}
