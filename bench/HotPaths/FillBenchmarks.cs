using BenchmarkDotNet.Attributes;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.HotPaths;

/// <summary>
/// Orders meeting a quote: a market order submitted to a flat account (validated, admitted, filled at the ask, the
/// position opened, the account valued after the fill), and a resting limit order that a new quote reaches (filled by
/// the quote) or does not (the same quote path, nothing fills).
/// </summary>
public class FillBenchmarks : HotPathBenchmarks
{
    private static readonly OrderRequest MarketBuy = Scenario.Market(OrderSide.Buy, 1m);

    private static readonly OrderRequest LimitBuy =
        new(Scenario.Symbol, OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 64_990m);

    /// <summary>The ask falls to 64,985.00: the 64,990 limit buy fills.</summary>
    private static readonly Quote Reaches = Scenario.QuoteOf(Scenario.Symbol, 64_975m, 64_985m, 2, Scenario.Start.AddSeconds(1));

    /// <summary>The ask falls to 64,995.00: still above the limit, nothing fills.</summary>
    private static readonly Quote Misses = Scenario.QuoteOf(Scenario.Symbol, 64_985m, 64_995m, 2, Scenario.Start.AddSeconds(1));

    private PerOperation<TradingBook> flat = null!;
    private PerOperation<TradingBook> resting = null!;

    [GlobalSetup]
    public void CheckPaths()
    {
        Scenario.Expect(Scenario.QuotedBook().Submit(MarketBuy, Scenario.Start), OrderStatus.Filled);
        if (!RestingLimit().ApplyQuote(Reaches).OfType<FillExecuted>().Any()) throw new InvalidOperationException("the limit order did not fill");
        if (RestingLimit().ApplyQuote(Misses) is not { Count: 0 }) throw new InvalidOperationException("a quote below the limit changed the book");
    }

    [IterationSetup(Target = nameof(MarketOrderFills))]
    public void PrepareFlatAccounts() => flat = new PerOperation<TradingBook>(_ => Scenario.QuotedBook());

    [IterationSetup(Targets = [nameof(RestingLimitFills), nameof(RestingLimitMissed)])]
    public void PrepareRestingAccounts() => resting = new PerOperation<TradingBook>(_ => RestingLimit());

    [Benchmark(Description = "Submit: market order admitted, fills at the ask")]
    public BookResult MarketOrderFills() => flat.Next().Submit(MarketBuy, Scenario.Start);

    [Benchmark(Description = "ApplyQuote: reaches a resting limit, fills")]
    public IReadOnlyList<BookEvent> RestingLimitFills() => resting.Next().ApplyQuote(Reaches);

    [Benchmark(Description = "ApplyQuote: misses a resting limit")]
    public IReadOnlyList<BookEvent> RestingLimitMissed() => resting.Next().ApplyQuote(Misses);

    private static TradingBook RestingLimit()
    {
        var book = Scenario.QuotedBook();
        Scenario.Expect(book.Submit(LimitBuy, Scenario.Start), OrderStatus.Accepted);
        return book;
    }
}
