using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Trading;

/// <summary>
/// The position book grain, driven through Orleans, must agree with the independent reference oracle on every
/// outcome and, at checkpoints, on every order, fill, position and account number, to the cent.
/// </summary>
[Collection(TradingClusterCollection.Name)]
public sealed class PositionBookOracleTests(TradingClusterFixture fixture)
{
    private const int ActionCount = 15_000;
    private const int CheckpointEvery = 500;
    private const decimal InitialBalance = 200_000m;

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    [Fact]
    public async Task The_grain_agrees_with_the_oracle_over_more_than_ten_thousand_random_orders_and_ticks()
    {
        var terms = TradingTerms.Default with
        {
            Slippage = new SlippageTerms(FixedBps: 1.5m, BpsPerLot: 0.01m),
            LimitFillsToTopOfBook = true,
        };
        var generator = new TradingScenarioGenerator(20261124, TradingClusterFixture.Start, InitialBalance, terms, IsOpen);
        var actions = generator.Generate(ActionCount);
        const string accountId = "oracle-run-1";
        var grain = fixture.Client.GetGrain<IPositionBookGrain>(accountId);
        await grain.OpenAsync(new OpenAccountRequest(InitialBalance, terms));
        var oracle = new ReferenceBrokerTarget(new ReferenceBroker(accountId, InitialBalance, terms, generator.Find, IsOpen));
        var book = new PositionBookGrainTarget(grain, fixture);

        var fillPrices = new FillPriceInvariant(terms.Slippage, generator.Find);
        var fillsChecked = 0;
        var ordersAndTicks = actions.OfType<SubmitAction>().Count() + actions.OfType<ApplyQuoteAction>().Count();
        Assert.True(ordersAndTicks >= 10_000, $"only {ordersAndTicks} orders and ticks");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var expected = await action.ApplyTo(oracle);
            var actual = await action.ApplyTo(book);
            var differences = new List<string>(TradingStateComparer.Outcome(expected, actual));
            differences.AddRange(TradingStateComparer.Record("account", await oracle.Snapshot(action.Now), await book.Snapshot(action.Now)));
            differences.AddRange(TradingStateComparer.Lists("positions", await oracle.Positions(), await book.Positions(), p => p.Symbol));
            if (action is ApplyQuoteAction { Quote: var quote }) fillPrices.Saw(quote);
            if ((i + 1) % CheckpointEvery == 0 || i == actions.Count - 1)
            {
                var grainOrders = await book.Orders();
                var grainFills = await book.Fills();
                differences.AddRange(TradingStateComparer.Lists("orders", await oracle.Orders(), grainOrders, o => o.Id));
                differences.AddRange(TradingStateComparer.Lists("fills", await oracle.Fills(), grainFills, f => f.Id));
                // Every fill the grain made since the last checkpoint was at a price its quote offered.
                var byId = grainOrders.ToDictionary(o => o.Id);
                foreach (var fill in grainFills.Skip(fillsChecked))
                    differences.AddRange(fillPrices.Check(fill, byId.GetValueOrDefault(fill.OrderId)));
                fillsChecked = grainFills.Count;
            }
            Assert.True(differences.Count == 0,
                $"action #{i} {action}: {string.Join(Environment.NewLine, differences.Take(20))}");
        }
        Assert.True((await book.Fills()).Count > 500, "the scenario should trade a lot");
        Assert.Equal(fillsChecked, fillPrices.FillsChecked);
    }
}
