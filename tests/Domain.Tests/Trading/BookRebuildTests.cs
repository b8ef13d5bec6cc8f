using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// A book rebuilt from its journal must be the book it was, and go on as it would have: over long random scenarios the
/// book is thrown away and rebuilt from its events every few dozen actions, and still agrees with the reference oracle
/// on every outcome, fill, position and account number (a rebuilt book that forgot an acceptance order, a trailing
/// watermark, a settlement, an id counter or the size a fill took from the touch disagrees within a few actions).
/// </summary>
public sealed class BookRebuildTests
{
    private const decimal InitialBalance = 200_000m;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    private static TradingTerms Terms(bool limitFillsToTopOfBook) => TradingTerms.Default with
    {
        Slippage = new SlippageTerms(FixedBps: 1.5m, BpsPerLot: 0.01m),
        LimitFillsToTopOfBook = limitFillsToTopOfBook,
    };

    [Theory]
    [InlineData(11, false, 37)]
    [InlineData(12, true, 23)]
    [InlineData(13, true, 1)]
    public async Task A_book_rebuilt_from_its_journal_again_and_again_agrees_with_the_oracle(int seed, bool topOfBook, int rebuildEvery)
    {
        var terms = Terms(topOfBook);
        var generator = new TradingScenarioGenerator(seed, Start, InitialBalance, terms, IsOpen);
        var actions = generator.Generate(rebuildEvery == 1 ? 1_500 : 5_000);
        var oracle = new ReferenceBrokerTarget(new ReferenceBroker("acct-1", InitialBalance, terms, generator.Find, IsOpen));
        var rebuilt = new RebuiltBookTarget(() => new TradingBook("acct-1", InitialBalance, terms, generator.Find),
            (journal, quotes) => TradingBook.Rebuild("acct-1", InitialBalance, terms, generator.Find, journal, quotes), rebuildEvery);

        await TradingAgreement.RunAsync(actions, oracle, rebuilt, checkpointEvery: 50);

        Assert.True(rebuilt.Rebuilds >= actions.Count / rebuildEvery - 1);
        Assert.Contains(rebuilt.Journal, e => e is OrderTrailed);
        Assert.Contains(rebuilt.Journal, e => e is ContractSettled);
    }

    [Fact]
    public async Task A_rebuilt_book_goes_on_stamping_from_the_latest_stamp_in_its_journal()
    {
        // Late quotes (stamped before the command before them) are where a rebuilt book that forgot its clock would
        // stamp a fill earlier than the one before it, and disagree with the oracle.
        var terms = Terms(limitFillsToTopOfBook: false);
        var generator = new TradingScenarioGenerator(14, Start, InitialBalance, terms, IsOpen);
        var actions = LateQuotes.Delay(generator.Generate(3_000), 14, TimeSpan.FromMilliseconds(15));
        var oracle = new ReferenceBrokerTarget(new ReferenceBroker("acct-1", InitialBalance, terms, generator.Find, IsOpen));
        var rebuilt = new RebuiltBookTarget(() => new TradingBook("acct-1", InitialBalance, terms, generator.Find),
            (journal, quotes) => TradingBook.Rebuild("acct-1", InitialBalance, terms, generator.Find, journal, quotes), rebuildEvery: 3);

        await TradingAgreement.RunAsync(actions, oracle, rebuilt, checkpointEvery: 50);

        AccountTimesTests.AssertTimesMoveForward(await rebuilt.Fills(), await rebuilt.Orders());
    }

    [Fact]
    public void Rebuilding_an_empty_journal_gives_a_fresh_book()
    {
        var book = TradingBook.Rebuild("acct-1", 50_000m, TradingTerms.Default, _ => null, [], []);

        Assert.Empty(book.Orders);
        Assert.Equal(50_000m, book.Snapshot(Start).Balance);
    }

    /// <summary>A TradingBook that keeps its journal and is replaced by its rebuild every <paramref name="rebuildEvery"/> actions.</summary>
    private sealed class RebuiltBookTarget(
        Func<TradingBook> create, Func<IReadOnlyList<BookEvent>, IEnumerable<Quote>, TradingBook> rebuild, int rebuildEvery) : ITradingTarget
    {
        private readonly List<BookEvent> journal = [];
        private readonly Dictionary<string, Quote> feeds = new(StringComparer.Ordinal);
        private TradingBook book = create();
        private int actions;

        public IReadOnlyList<BookEvent> Journal => journal;

        public int Rebuilds { get; private set; }

        public Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now) => Act(b => b.Submit(request, now));

        public Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now) => Act(b => b.Cancel(orderId, now));

        public Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now) => Act(b => b.Replace(orderId, change, now));

        public Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now) => Act(b => b.ClosePosition(symbol, now));

        public Task ApplyQuote(Quote quote)
        {
            if (!feeds.TryGetValue(quote.Symbol, out var latest) || quote.Sequence > latest.Sequence) feeds[quote.Symbol] = quote;
            journal.AddRange(book.ApplyQuote(quote));
            AfterAction();
            return Task.CompletedTask;
        }

        public Task AdvanceTime(DateTimeOffset now)
        {
            journal.AddRange(book.AdvanceTime(now));
            AfterAction();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Order>> Orders() => Task.FromResult(book.Orders);

        public Task<IReadOnlyList<Fill>> Fills() => Task.FromResult(book.Fills);

        public Task<IReadOnlyList<Position>> Positions() => Task.FromResult(book.Positions);

        public Task<AccountSnapshot> Snapshot(DateTimeOffset now) => Task.FromResult(book.Snapshot(now));

        private Task<TradingOutcome> Act(Func<TradingBook, BookResult> command)
        {
            var result = command(book);
            journal.AddRange(result.Events);
            AfterAction();
            return Task.FromResult(new TradingOutcome(result.Order, result.Error?.Code, result.Error?.Field, result.Duplicate));
        }

        private void AfterAction()
        {
            if (++actions % rebuildEvery != 0) return;
            book = rebuild(journal, feeds.Values);
            Rebuilds++;
        }
    }
}
