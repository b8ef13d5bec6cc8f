using BenchmarkDotNet.Attributes;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.HotPaths;

/// <summary>
/// A market order that changes an open position, on a Classic 2-Step account long 2 BTC-USD: one that increases it
/// (a new average entry), reduces it (realized P&amp;L on the part closed), closes it (the holding removed) or flips it to
/// short. Each is the whole Submit, so the differences between them are what the position ledger does differently.
/// </summary>
public class PositionUpdateBenchmarks : HotPathBenchmarks
{
    private static readonly OrderRequest Buy1 = Scenario.Market(OrderSide.Buy, 1m);
    private static readonly OrderRequest Sell1 = Scenario.Market(OrderSide.Sell, 1m);
    private static readonly OrderRequest Sell2 = Scenario.Market(OrderSide.Sell, 2m);
    private static readonly OrderRequest Sell3 = Scenario.Market(OrderSide.Sell, 3m);

    private PerOperation<TradingBook> long2 = null!;

    [GlobalSetup]
    public void CheckPaths()
    {
        foreach (var (order, after) in new[] { (Buy1, 3m), (Sell1, 1m), (Sell2, 0m), (Sell3, -1m) })
        {
            var book = Scenario.QuotedBook(2m);
            Scenario.Expect(book.Submit(order, Scenario.Start), OrderStatus.Filled);
            if (book.QuantityOf(Scenario.Symbol) != after) throw new InvalidOperationException($"{order} left {book.QuantityOf(Scenario.Symbol)}");
        }
    }

    [IterationSetup(Targets = [nameof(Increase), nameof(Reduce), nameof(Close), nameof(Flip)])]
    public void PrepareAccounts() => long2 = new PerOperation<TradingBook>(_ => Scenario.QuotedBook(2m));

    [Benchmark(Description = "Submit: buy 1, increases a long 2")]
    public BookResult Increase() => long2.Next().Submit(Buy1, Scenario.Start);

    [Benchmark(Description = "Submit: sell 1, reduces a long 2")]
    public BookResult Reduce() => long2.Next().Submit(Sell1, Scenario.Start);

    [Benchmark(Description = "Submit: sell 2, closes a long 2")]
    public BookResult Close() => long2.Next().Submit(Sell2, Scenario.Start);

    [Benchmark(Description = "Submit: sell 3, flips a long 2 to short 1")]
    public BookResult Flip() => long2.Next().Submit(Sell3, Scenario.Start);
}
