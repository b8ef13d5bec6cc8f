using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.Plans;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Trading;

namespace Crucible.HotPaths;

/// <summary>
/// The shipped instrument catalog and plans (src/Grains/config, copied beside the program), and accounts built from them
/// the way the position book grain builds them: default trading terms, instruments found in the catalog.
/// </summary>
internal static class Scenario
{
    /// <summary>Crypto trades around the clock, so no benchmark depends on a session being open.</summary>
    public const string Symbol = "BTC-USD";

    public const string SecondSymbol = "ETH-USD";

    /// <summary>Tuesday 2026-12-01 14:00 UTC: 09:00 New York, 15:00 Prague, hours from any plan's reset or flat-by time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    public static InstrumentCatalog Instruments { get; } = InstrumentCatalogLoader.Load(Config("instruments.json"));

    public static PlanCatalog Plans { get; } = PlanCatalogLoader.Load(Config("plans.json"));

    /// <summary>Classic 2-Step's challenge phase: 100k, 5 % daily loss on balance, 10 % static overall loss.</summary>
    public static ChallengePlan Classic { get; } = Plan("classic-2step-100k");

    /// <summary>Intraday Trailing 1-Step: 50k, a floor $2,500 below the highest equity seen, locked at initial + $100.</summary>
    public static ChallengePlan Trailing { get; } = Plan("intraday-trailing-1step-50k");

    public static TradingBook Book(decimal initialBalance) =>
        new("bench", initialBalance, TradingTerms.Default, symbol => Instruments.Find(symbol)?.Spec);

    public static PhaseEvaluation Phase(ChallengePlan plan) =>
        new(new AccountEvaluation("bench", 0, plan.Phases[0], Start), plan.AccountSize);

    public static Quote QuoteOf(string symbol, decimal bid, decimal ask, long sequence, DateTimeOffset? time = null) =>
        new(symbol, bid, ask, bid, 1m, time ?? Start, sequence);

    public static OrderRequest Market(OrderSide side, decimal quantity, string symbol = Symbol) =>
        new(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc);

    /// <summary>
    /// A Classic 2-Step account (100k) with BTC-USD quoted at 65,000.00 / 65,010.00 and, when <paramref name="btc"/> is not
    /// zero, that many BTC bought at market (the same few numbers in every prepared account).
    /// </summary>
    public static TradingBook QuotedBook(decimal btc = 0m)
    {
        var book = Book(Classic.AccountSize);
        book.ApplyQuote(QuoteOf(Symbol, 65_000m, 65_010m, 1));
        if (btc != 0m) Expect(book.Submit(Market(btc > 0m ? OrderSide.Buy : OrderSide.Sell, Math.Abs(btc)), Start), OrderStatus.Filled);
        return book;
    }

    /// <summary>The Classic 2-Step account of the tick benchmarks: long 1 BTC-USD and 10 ETH-USD (bought at 3,200.50), no working orders.</summary>
    public static TradingBook LongBtcAndEth()
    {
        var book = QuotedBook(1m);
        book.ApplyQuote(QuoteOf(SecondSymbol, 3_200m, 3_200.5m, 1));
        Expect(book.Submit(Market(OrderSide.Buy, 10m, SecondSymbol), Start), OrderStatus.Filled);
        return book;
    }

    /// <summary>The set-up must put the account where the benchmark says it is; a refused set-up would measure something else.</summary>
    public static BookResult Expect(BookResult result, OrderStatus status)
    {
        if (result.Order?.Status != status)
            throw new InvalidOperationException($"set-up expected an order {status}, got {result.Order?.Status.ToString() ?? result.Error?.ToString()}");
        return result;
    }

    public static TradingBook[] Prepare(Func<TradingBook> build)
    {
        var books = new TradingBook[HotPathBenchmarks.OperationsPerIteration];
        for (var i = 0; i < books.Length; i++) books[i] = build();
        return books;
    }

    private static ChallengePlan Plan(string id) =>
        Plans.Find(id) ?? throw new InvalidOperationException($"{id} is not in the shipped plans");

    private static string Config(string file) => Path.Combine(AppContext.BaseDirectory, "config", file);
}
