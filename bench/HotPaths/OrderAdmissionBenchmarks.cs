using BenchmarkDotNet.Attributes;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.HotPaths;

/// <summary>
/// An order on its way in: the book's screen (validation, then the instrument's bounds; what the phase's guard runs
/// before its own checks), and a limit order that is validated, admitted (buying power), recorded and accepted, and
/// rests below the ask. A market order's admission is inseparable from its fill while the market is open: it is in
/// <see cref="FillBenchmarks"/>.
/// </summary>
public class OrderAdmissionBenchmarks : HotPathBenchmarks
{
    private static readonly OrderRequest MarketBuy = Scenario.Market(OrderSide.Buy, 1m);

    private static readonly OrderRequest LimitBuy =
        new(Scenario.Symbol, OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 64_000m);

    private TradingBook screened = null!;
    private PerOperation<TradingBook> books = null!;

    [GlobalSetup]
    public void CheckPaths()
    {
        screened = Scenario.QuotedBook();
        if (screened.Screen(MarketBuy) is { } error) throw new InvalidOperationException($"the market order is refused: {error}");
        Scenario.Expect(Scenario.QuotedBook().Submit(LimitBuy, Scenario.Start), OrderStatus.Accepted);
    }

    /// <summary>Flat Classic 2-Step accounts with BTC-USD quoted: one per operation, each gets one order.</summary>
    [IterationSetup(Target = nameof(SubmitLimitRests))]
    public void PrepareAccounts() => books = new PerOperation<TradingBook>(_ => Scenario.QuotedBook());

    [Benchmark(Description = "Screen: validation + bounds of a market order")]
    public OrderError? ScreenMarketOrder() => screened.Screen(MarketBuy);

    [Benchmark(Description = "Submit: limit order admitted, rests")]
    public BookResult SubmitLimitRests() => books.Next().Submit(LimitBuy, Scenario.Start);
}
