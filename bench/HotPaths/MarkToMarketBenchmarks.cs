using BenchmarkDotNet.Attributes;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.HotPaths;

/// <summary>
/// A quote of a held symbol reaching a Classic 2-Step account long 1 BTC-USD and 10 ETH-USD with no working orders:
/// the book applies it (marks, nothing to work), the account's numbers as the rules observe them, the snapshot a
/// reader gets, and the whole per-tick path of the position book grain (apply, numbers, the phase's OnTick).
/// Each iteration starts a fresh account; its quotes are 100 ms apart, each newer than the last.
/// </summary>
public class MarkToMarketBenchmarks : HotPathBenchmarks
{
    private TradingBook book = null!;
    private PhaseEvaluation phase = null!;
    private PerOperation<Quote> quotes = null!;

    [GlobalSetup]
    public void CheckPaths()
    {
        PrepareAccount();
        if (ApplyQuote().Count != 0) throw new InvalidOperationException("marking a position changed the book");
        if (book.Numbers() is not { HasOpenPositions: true }) throw new InvalidOperationException("the account holds nothing");
        if (GrainTick().Count != 0) throw new InvalidOperationException("a quiet tick produced a rule event");
    }

    [IterationSetup]
    public void PrepareAccount()
    {
        book = Scenario.LongBtcAndEth();
        phase = Scenario.Phase(Scenario.Classic);
        quotes = new PerOperation<Quote>(i =>
        {
            var bid = 65_000m + (i % 2 == 0 ? 5m : -5m);
            return Scenario.QuoteOf(Scenario.Symbol, bid, bid + 10m, i + 2, Scenario.Start + TimeSpan.FromMilliseconds(100 * (i + 1)));
        });
    }

    [Benchmark(Description = "ApplyQuote: held symbol, no working orders")]
    public IReadOnlyList<BookEvent> ApplyQuote() => book.ApplyQuote(quotes.Next());

    [Benchmark(Description = "Numbers(): balance, equity, open positions")]
    public (decimal, decimal, bool) Numbers() => book.Numbers();

    [Benchmark(Description = "Snapshot(now)")]
    public AccountSnapshot Snapshot() => book.Snapshot(Scenario.Start);

    [Benchmark(Description = "grain tick: ApplyQuote + Numbers + OnTick")]
    public IReadOnlyList<RuleEvent> GrainTick()
    {
        var quote = quotes.Next();
        book.ApplyQuote(quote);
        var (balance, equity, open) = book.Numbers();
        return phase.OnTick(quote.Symbol, quote.Sequence, quote.Time, balance, equity, open, quote.Bid, quote.Ask);
    }
}
