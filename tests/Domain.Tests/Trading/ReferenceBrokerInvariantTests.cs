using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>Bookkeeping identities the oracle must keep over any scenario, whatever the spec's finer points.</summary>
public sealed class ReferenceBrokerInvariantTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    [Theory]
    [InlineData(3, false)]
    [InlineData(5, true)]
    public async Task Fills_orders_positions_and_cash_stay_consistent_over_a_random_scenario(int seed, bool limitFillsToTopOfBook)
    {
        var terms = TradingTerms.Default with { LimitFillsToTopOfBook = limitFillsToTopOfBook, Slippage = new SlippageTerms(1m, 0.01m) };
        var generator = new TradingScenarioGenerator(seed, Start, 200_000m, terms, IsOpen);
        var actions = generator.Generate(5_000);
        var broker = new ReferenceBroker("acct-1", 200_000m, terms, generator.Find, IsOpen);
        foreach (var action in actions) await action.ApplyTo(new ReferenceBrokerTarget(broker));

        var orders = broker.Orders;
        var fills = broker.Fills;
        Assert.All(orders, o =>
        {
            var filled = fills.Where(f => f.OrderId == o.Id).Sum(f => f.Quantity);
            Assert.Equal(o.FilledQuantity, filled);
            Assert.InRange(o.FilledQuantity, 0m, o.Quantity);
            Assert.Equal(o.Status == OrderStatus.Filled, o.FilledQuantity == o.Quantity && o.Quantity > 0);
            if (o.Status == OrderStatus.Rejected) Assert.NotNull(o.RejectReason);
        });

        Assert.All(fills, f =>
        {
            var order = orders.Single(o => o.Id == f.OrderId);
            var spec = generator.Find(f.Symbol)!;
            Assert.Equal(0m, f.Price % spec.TickSize);
            Assert.Equal(0m, f.Quantity % spec.LotSize);
            Assert.Equal(f.Commission, Math.Round(f.Commission, 2));
            Assert.Equal(f.RealizedPnl, Math.Round(f.RealizedPnl, 2));
            if (order.Type == OrderType.Limit) Assert.True(order.Side == OrderSide.Buy ? f.Price <= order.LimitPrice : f.Price >= order.LimitPrice);
        });

        // One side of an OCO pair (or of a bracket's exits) at most ever trades.
        Assert.All(orders.Where(o => o.Class != OrderClass.Simple && o.ParentId is not null), leg =>
        {
            var parent = orders.Single(o => o.Id == leg.ParentId);
            var pair = parent.Class == OrderClass.Oco ? [parent.Id, leg.Id] : parent.LegIds;
            Assert.True(pair.Count(id => orders.Single(o => o.Id == id).FilledQuantity > 0) <= 1, $"both exits of {parent.Id} traded");
        });

        var settled = actions.OfType<ApplyQuoteAction>().Where(a => a.Quote.IsSettled).Select(a => a.Quote.Symbol).ToHashSet();
        foreach (var group in fills.Where(f => !settled.Contains(f.Symbol)).GroupBy(f => f.Symbol))
        {
            var net = group.Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
            Assert.Equal(net, broker.Positions.SingleOrDefault(p => p.Symbol == group.Key)?.Quantity ?? 0m);
        }

        var account = broker.Snapshot(actions[^1].Now);
        Assert.Equal(fills.Sum(f => f.Commission), account.CommissionsPaid);
        Assert.Equal(account.InitialBalance + account.RealizedPnl - account.CommissionsPaid, account.Balance);
        Assert.Equal(account.Balance + broker.Positions.Sum(p => p.UnrealizedPnl), account.Equity);
    }
}
