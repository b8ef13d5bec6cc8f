using BenchmarkDotNet.Attributes;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Dispatch;
using Crucible.Grains.Trading;
using Crucible.Grains.Trading.Bands;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.HotPaths;

/// <summary>
/// The price band (docs/scale.md "Price band") on the same Classic 2-Step account as <see cref="MarkToMarketBenchmarks"/>
/// (long 1 BTC-USD and 10 ETH-USD, no working orders): what the dispatcher pays per follower for a quiet tick (the band's
/// check, and the whole post that parks it in the account's mailbox), against the grain's tick path that a quiet tick no
/// longer takes, and what an account pays to build its band after an operation.
/// </summary>
public class BandCheckBenchmarks : HotPathBenchmarks
{
    private TradingBook book = null!;
    private PhaseEvaluation phase = null!;
    private MarketBand band = null!;
    private QuoteMailbox mailbox = null!;
    private Quote[] quiet = null!;
    private int next;

    [GlobalSetup]
    public void Prepare()
    {
        book = Scenario.LongBtcAndEth();
        phase = Scenario.Phase(Scenario.Classic);
        // A dip of 200 and a recovery of 100 on BTC-USD: the account sits between its trough and its peak (a new low or a
        // new high would be judged), with room for ±5 either way.
        var current = book.Quotes[Scenario.Symbol];
        foreach (var (move, sequence) in new[] { (-200m, 1L), (-100m, 2L) })
        {
            var quote = current with { Bid = current.Bid + move, Ask = current.Ask + move, Sequence = current.Sequence + sequence };
            book.ApplyQuote(quote);
            var (balance, equity, open) = book.Numbers();
            phase.OnTick(quote.Symbol, quote.Sequence, Scenario.Start, balance, equity, open, quote.Bid, quote.Ask);
        }
        band = BuildBand();
        current = book.Quotes[Scenario.Symbol];
        quiet = [.. Enumerable.Range(0, 1_024).Select(i => current with
        {
            Bid = current.Bid + (i % 2 == 0 ? 5m : -5m),
            Ask = current.Ask + (i % 2 == 0 ? 5m : -5m),
            Sequence = current.Sequence + i + 1,
            Time = Scenario.Start + TimeSpan.FromMilliseconds(i + 1),
        })];
        if (!quiet.All(band.Admits)) throw new InvalidOperationException("a ±5 tick should be inside the Classic account's band");
        mailbox = new QuoteMailbox(new NoFollower(), "bench", NullLogger.Instance);
        if (!mailbox.TryArm(band)) throw new InvalidOperationException("the mailbox did not arm");
    }

    [Benchmark(Description = "band check: MarketBand.Admits, quiet tick")]
    public bool Admits() => band.Admits(quiet[next++ & 1023]);

    [Benchmark(Description = "dispatcher post: quiet tick parked in the mailbox")]
    public bool Post() => mailbox.Post(quiet[next++ & 1023]);

    [Benchmark(Description = "band build: MarketBand.Of after an operation")]
    public MarketBand Build() => BuildBand();

    private MarketBand BuildBand() => MarketBand.Of(book, phase.QuietBand(), phase.QuietUntil);

    /// <summary>A quiet tick never wakes the account: nothing here is ever called.</summary>
    private sealed class NoFollower : IMarketFollower
    {
        public Task TakeQuotesAsync() => throw new InvalidOperationException("a parked quote woke the account");
    }
}
