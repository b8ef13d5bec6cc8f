using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// The engine and the independently written reference oracle must agree on every outcome, fill, position and
/// account number, to the cent, over long random scenarios. A failure names the action and both sides' values.
/// The runs are split into nested classes only so that xUnit runs them in parallel; each scenario is generated
/// once and shared by the tests that use it.
/// </summary>
public static class OracleAgreementTests
{
    private const int ActionCount = 10_000;
    private const decimal InitialBalance = 200_000m;

    // Monday 2026-01-05 12:00Z: crypto and the future are trading, New York opens at 14:30Z.
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<(int Seed, bool TopOfBook), Lazy<(TradingScenarioGenerator Generator, IReadOnlyList<TradingAction> Actions)>> Scenarios = new();

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    /// <summary>Costs that make every fill's cents matter: slippage on market orders and non-default commissions.</summary>
    private static TradingTerms Terms(bool limitFillsToTopOfBook) => TradingTerms.Default with
    {
        Slippage = new SlippageTerms(FixedBps: 1.5m, BpsPerLot: 0.01m),
        Commissions = new Dictionary<InstrumentKind, CommissionTerms>
        {
            [InstrumentKind.Equity] = new(PerUnit: 0.005m, Bps: 0.5m),
            [InstrumentKind.Future] = new(PerUnit: 2.25m, Bps: 0m),
            [InstrumentKind.Crypto] = new(PerUnit: 0m, Bps: 10m),
            [InstrumentKind.Prediction] = new(PerUnit: 0.01m, Bps: 0m),
        },
        LimitFillsToTopOfBook = limitFillsToTopOfBook,
    };

    /// <summary>The scenario of a seed and terms, generated once.</summary>
    private static (TradingScenarioGenerator Generator, IReadOnlyList<TradingAction> Actions) Scenario(int seed, bool limitFillsToTopOfBook) =>
        Scenarios.GetOrAdd((seed, limitFillsToTopOfBook), key => new(() =>
        {
            var generator = new TradingScenarioGenerator(key.Seed, Start, InitialBalance, Terms(key.TopOfBook), IsOpen);
            return (generator, generator.Generate(ActionCount));
        })).Value;

    private static async Task EngineAgreesWithTheOracle(int seed, bool limitFillsToTopOfBook)
    {
        var terms = Terms(limitFillsToTopOfBook);
        var (generator, actions) = Scenario(seed, limitFillsToTopOfBook);

        var oracle = new ReferenceBrokerTarget(new ReferenceBroker("acct-1", InitialBalance, terms, generator.Find, IsOpen));
        var engine = new TradingBookTarget(new TradingBook("acct-1", InitialBalance, terms, generator.Find));

        var fillPrices = new FillPriceInvariant(terms.Slippage, generator.Find);
        await TradingAgreement.RunAsync(actions, oracle, engine, checkpointEvery: 100, fillPrices);
        Assert.True(fillPrices.FillsChecked > 1_000, $"only {fillPrices.FillsChecked} fills checked against their quotes");
    }

    public sealed class WholeFills
    {
        [Theory]
        [InlineData(20260105)]
        [InlineData(7)]
        public Task Engine_agrees_with_the_reference_oracle_after_every_random_action(int seed) => EngineAgreesWithTheOracle(seed, false);
    }

    public sealed class TopOfBookFills
    {
        [Theory]
        [InlineData(20260105)]
        [InlineData(424242)]
        public Task Engine_agrees_with_the_reference_oracle_after_every_random_action(int seed) => EngineAgreesWithTheOracle(seed, true);
    }

    public sealed class Coverage
    {
        [Theory]
        [InlineData(20260105, false)]
        [InlineData(424242, true)]
        public void Generated_scenarios_exercise_every_kind_of_action_and_outcome(int seed, bool limitFillsToTopOfBook)
        {
            var terms = Terms(limitFillsToTopOfBook);
            var (generator, actions) = Scenario(seed, limitFillsToTopOfBook);
            var broker = new ReferenceBroker("acct-1", InitialBalance, terms, generator.Find, IsOpen);
            var outcomes = actions.Select(a => a.ApplyTo(new ReferenceBrokerTarget(broker)).GetAwaiter().GetResult()).ToList();

            Assert.Equal(ActionCount, actions.Count);
            Assert.All(actions.Zip(actions.Skip(1)), pair => Assert.True(pair.First.Now <= pair.Second.Now));
            Assert.True(actions.OfType<ApplyQuoteAction>().Count() > 2_000);
            Assert.Contains(actions, a => a is ApplyQuoteAction { Quote.IsSettled: true });

            var orders = broker.Orders;
            foreach (var type in Enum.GetValues<OrderType>()) Assert.Contains(orders, o => o.Type == type && o.FilledQuantity > 0);
            foreach (var status in new[] { OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.Rejected, OrderStatus.Replaced })
                Assert.Contains(orders, o => o.Status == status);
            foreach (var reason in new[] { OrderErrorCode.MarketClosed, OrderErrorCode.NoQuote, OrderErrorCode.InsufficientBuyingPower, OrderErrorCode.CurrencyNotSupported })
                Assert.Contains(orders, o => o.RejectReason == reason);
            Assert.Contains(orders, o => o.Class == OrderClass.Bracket && o.ParentId is not null && o.FilledQuantity > 0);
            Assert.Contains(orders, o => o.Class == OrderClass.Oco && o.FilledQuantity > 0);
            // On the open and at the close: executed, and ended unfilled (a limit the touch missed, a session without a price).
            foreach (var timeInForce in new[] { TimeInForce.Opg, TimeInForce.Cls })
            {
                Assert.Contains(orders, o => o.TimeInForce == timeInForce && o.FilledQuantity > 0);
                Assert.Contains(orders, o => o.TimeInForce == timeInForce && o.Status == OrderStatus.Expired && o.FilledQuantity == 0);
            }

            Assert.Contains(outcomes, o => o.Duplicate);
            Assert.Contains(outcomes, o => o.ErrorCode == OrderErrorCode.TimeInForceNotAllowed && o.ErrorField == "timeInForce");
            foreach (var code in new[] { OrderErrorCode.UnknownOrder, OrderErrorCode.OrderNotCancelable, OrderErrorCode.OrderNotReplaceable, OrderErrorCode.NoPosition, OrderErrorCode.InvalidBracket })
                Assert.Contains(outcomes, o => o.ErrorCode == code);
            foreach (var field in new[] { "takeProfit.limitPrice", "stopLoss.stopPrice", "stopLoss.limitPrice", "limitPrice" })
                Assert.Contains(outcomes, o => o.ErrorField == field);
            Assert.Contains(broker.Fills, f => f.RealizedPnl != 0);
            if (limitFillsToTopOfBook) Assert.Contains(orders, o => o.Status == OrderStatus.PartiallyFilled || (o.Status == OrderStatus.Canceled && o.FilledQuantity > 0));
        }
    }
}
