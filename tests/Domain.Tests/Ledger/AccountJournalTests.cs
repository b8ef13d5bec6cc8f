using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Grains.Markets;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Ledger;

/// <summary>
/// What a position book appends to the ledger is enough to rebuild it: over long random scenarios every change goes
/// through <see cref="AccountJournal"/> into a ledger, the book is thrown away and rebuilt from the ledger's history
/// every few dozen actions, and it still agrees with the reference oracle on every outcome, fill, position and number.
/// </summary>
public sealed class AccountJournalTests
{
    private const decimal InitialBalance = 150_000m;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    [Theory]
    [InlineData(21, false, 29)]
    [InlineData(23, true, 7)]
    public async Task A_book_rebuilt_from_what_it_appended_to_the_ledger_agrees_with_the_oracle(int seed, bool topOfBook, int rebuildEvery)
    {
        var terms = TradingTerms.Default with { Slippage = new SlippageTerms(1m, 0.02m), LimitFillsToTopOfBook = topOfBook };
        var generator = new TradingScenarioGenerator(seed, Start, InitialBalance, terms, IsOpen);
        var actions = generator.Generate(3_000);
        var oracle = new ReferenceBrokerTarget(new ReferenceBroker("acct-j", InitialBalance, terms, generator.Find, IsOpen));
        var target = new LedgerBackedTarget("acct-j", terms, generator.Find, rebuildEvery);

        await TradingAgreement.RunAsync(actions, oracle, target, checkpointEvery: 50);

        Assert.True(target.Rebuilds >= actions.Count / rebuildEvery - 1);
        var history = await target.Ledger.ReadAccountAsync("acct-j");
        Assert.NotEmpty(history.Settlements);
        // Every order's versions run 1, 2, 3, ... in the order they were appended, across the rebuilds.
        Assert.All(history.Orders.GroupBy(o => o.Order.Id), versions =>
            Assert.Equal(Enumerable.Range(1, versions.Count()), versions.Select(v => v.Version)));
        // The stream sequence a rebuilt book goes on from is the number of events the book published.
        Assert.Equal(target.Published, AccountJournal.PublishedEvents(history));
    }

    [Fact]
    public void Rule_events_are_numbered_on_from_the_history_and_only_new_samples_are_recorded()
    {
        var evidence = new Grains.Interfaces.Challenges.RuleEvent(Start, "dailyLoss", Grains.Interfaces.Challenges.RuleEventKind.FloorMoved,
            1m, 2m, 3m, 4m, Grains.Interfaces.Challenges.ObservationCause.Tick, "BTC", 7, null, "moved");
        var sample = new Grains.Interfaces.Challenges.EquitySample(Start, 100m, 100m);
        var history = new AccountHistory("a", new AccountOpened("a", 100m, Start), [], [], [],
            [new RuleEventRecorded("a", 1, evidence), new RuleEventRecorded("a", 2, evidence)], [new EquitySampled("a", sample)]);

        var journal = AccountJournal.Restore(history);

        Assert.Equal(3, journal.Record(evidence).Sequence);
        var later = sample with { Time = Start.AddMinutes(1) };
        Assert.Equal([later], journal.NewSamples([sample, later]).Select(s => s.Sample));
        Assert.Empty(journal.NewSamples([sample, later]));
    }

    /// <summary>A TradingBook whose every change is appended through its journal, replaced every few actions by its rebuild from the ledger.</summary>
    private sealed class LedgerBackedTarget(string accountId, TradingTerms terms, Func<string, InstrumentSpec?> find, int rebuildEvery) : ITradingTarget
    {
        private readonly Dictionary<string, Quote> feeds = new(StringComparer.Ordinal);
        private TradingBook book = new(accountId, InitialBalance, terms, find);
        private AccountJournal journal = new(accountId);
        private int actions;

        public InMemoryLedger Ledger { get; } = Opened(accountId);

        public int Rebuilds { get; private set; }

        /// <summary>Events a grain would have numbered and published: every change but a settlement (its position update is).</summary>
        public long Published { get; private set; }

        public Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now) => Act(b => b.Submit(request, now));

        public Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now) => Act(b => b.Cancel(orderId, now));

        public Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now) => Act(b => b.Replace(orderId, change, now));

        public Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now) => Act(b => b.ClosePosition(symbol, now));

        public async Task ApplyQuote(Quote quote)
        {
            if (!feeds.TryGetValue(quote.Symbol, out var latest) || quote.Sequence > latest.Sequence) feeds[quote.Symbol] = quote;
            await AppendAsync(book.ApplyQuote(quote));
        }

        public async Task AdvanceTime(DateTimeOffset now) => await AppendAsync(book.AdvanceTime(now));

        public Task<IReadOnlyList<Order>> Orders() => Task.FromResult(book.Orders);

        public Task<IReadOnlyList<Fill>> Fills() => Task.FromResult(book.Fills);

        public Task<IReadOnlyList<Position>> Positions() => Task.FromResult(book.Positions);

        public Task<AccountSnapshot> Snapshot(DateTimeOffset now) => Task.FromResult(book.Snapshot(now));

        private static InMemoryLedger Opened(string accountId)
        {
            var ledger = new InMemoryLedger();
            ledger.AppendAsync(new AccountOpened(accountId, InitialBalance, Start)).AsTask().GetAwaiter().GetResult();
            return ledger;
        }

        private async Task<TradingOutcome> Act(Func<TradingBook, BookResult> command)
        {
            var result = command(book);
            await AppendAsync(result.Events);
            return new TradingOutcome(result.Order, result.Error?.Code, result.Error?.Field, result.Duplicate);
        }

        private async Task AppendAsync(IReadOnlyList<BookEvent> changes)
        {
            Published += changes.Count(c => c is not ContractSettled);
            await Ledger.AppendAsync(changes.Select(journal.Record).OfType<LedgerEntry>().ToList());
            if (++actions % rebuildEvery != 0) return;
            var history = await Ledger.ReadAccountAsync(accountId);
            book = TradingBook.Rebuild(accountId, history.Opened!.InitialBalance, terms, find, AccountJournal.BookEventsOf(history), feeds.Values);
            journal = AccountJournal.Restore(history);
            Rebuilds++;
        }
    }
}
