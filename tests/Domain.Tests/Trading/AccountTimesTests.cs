using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// docs/trading.md "Times": an account's fills and order times never go back, though its quotes were stamped by the
/// feed before the commands that ran while they were on their way; decisions (day expiry) still use the real moment.
/// </summary>
public sealed class AccountTimesTests
{
    private const decimal InitialBalance = 200_000m;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(15);

    private static bool IsOpen(InstrumentSpec spec, DateTimeOffset time) => TradingCalendar.IsOpen(spec.Hours, time);

    private static TradingTerms Terms(bool limitFillsToTopOfBook) => TradingTerms.Default with
    {
        Slippage = new SlippageTerms(FixedBps: 1.5m, BpsPerLot: 0.01m),
        LimitFillsToTopOfBook = limitFillsToTopOfBook,
    };

    [Fact]
    public void A_quote_stamped_before_a_command_fills_after_it_at_the_commands_time()
    {
        var driver = new BookDriver();
        driver.Quote("AAPL", 100.00m, 100.02m);
        driver.Market("AAPL", OrderSide.Buy, 10m);
        driver.Submit(new OrderRequest("AAPL", OrderSide.Sell, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 100.05m));
        var commandTime = driver.Now;

        // The feed stamped this quote 10 ms before the commands above ran; it arrives after them.
        driver.Book.ApplyQuote(new Quote("AAPL", 100.06m, 100.08m, 100.06m, 1m, commandTime.AddMilliseconds(-10), 2));

        Assert.Equal([commandTime, commandTime], driver.Book.Fills.Select(f => f.Time));
        var sold = driver.Order("O-2");
        Assert.Equal(OrderStatus.Filled, sold.Status);
        Assert.Equal(commandTime, sold.FilledAt);
        Assert.Equal(commandTime, sold.UpdatedAt);
    }

    [Fact]
    public void A_day_order_expires_by_the_real_moment_of_the_clock_check_and_is_stamped_no_earlier_than_the_latest_stamp()
    {
        var close = DateTimeOffset.Parse("2026-01-05T21:00:00Z");
        var driver = new BookDriver { Now = close.AddSeconds(-2) };
        driver.Quote("AAPL", 100.00m, 100.02m);
        driver.Submit(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 99m));
        Assert.Equal(close, driver.Order("O-1").ExpiresAt);
        driver.Book.ApplyQuote(new Quote("BTC", 50_000m, 50_001m, 50_000m, 1m, close.AddSeconds(-1), 100));
        var btcFill = close.AddMilliseconds(10);
        driver.Book.Submit(new OrderRequest("BTC", OrderSide.Buy, OrderType.Market, 0.1m, TimeInForce.Gtc), btcFill);

        // Stamped before the close, this quote is no clock check past it, though the account has stamped later.
        driver.Book.ApplyQuote(new Quote("AAPL", 100.00m, 100.02m, 100.00m, 1m, close.AddMilliseconds(-1), 101));
        Assert.Equal(OrderStatus.Accepted, driver.Order("O-1").Status);

        driver.Book.ApplyQuote(new Quote("AAPL", 100.00m, 100.02m, 100.00m, 1m, close.AddMilliseconds(2), 102));
        var expired = driver.Order("O-1");
        Assert.Equal(OrderStatus.Expired, expired.Status);
        Assert.Equal(btcFill, expired.ExpiredAt);
        Assert.Equal(btcFill, expired.UpdatedAt);
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    public async Task With_late_quotes_every_fill_and_order_time_moves_forward_and_the_oracle_agrees(int seed, bool topOfBook)
    {
        var terms = Terms(topOfBook);
        var generator = new TradingScenarioGenerator(seed, Start, InitialBalance, terms, IsOpen);
        var actions = LateQuotes.Delay(generator.Generate(5_000), seed, MaxDelay);
        Assert.True(LateQuotes.OutOfOrder(actions) > 500, "the scenario must hold many late quotes");

        var oracle = new ReferenceBrokerTarget(new ReferenceBroker("acct-1", InitialBalance, terms, generator.Find, IsOpen));
        var book = new TradingBook("acct-1", InitialBalance, terms, generator.Find);
        await TradingAgreement.RunAsync(actions, oracle, new TradingBookTarget(book), checkpointEvery: 100);

        AssertTimesMoveForward(book.Fills, book.Orders);
        Assert.True(book.Fills.Count > 300, $"only {book.Fills.Count} fills");
    }

    [Fact]
    public async Task A_late_quote_that_fills_is_stamped_at_the_latest_stamp_not_at_its_own_time()
    {
        var terms = Terms(limitFillsToTopOfBook: false);
        var generator = new TradingScenarioGenerator(23, Start, InitialBalance, terms, IsOpen);
        var actions = LateQuotes.Delay(generator.Generate(3_000), 23, MaxDelay);
        var book = new TradingBook("acct-1", InitialBalance, terms, generator.Find);
        var target = new TradingBookTarget(book);

        var raised = 0;
        foreach (var action in actions)
        {
            var before = book.Fills.Count;
            await action.ApplyTo(target);
            if (action is ApplyQuoteAction late)
                raised += book.Fills.Skip(before).Count(f => f.Time > late.Quote.Time);
        }

        // Without the account's clock these fills would carry their quote's earlier time and go back.
        Assert.True(raised > 0, "no fill on a late quote in the scenario");
        AssertTimesMoveForward(book.Fills, book.Orders);
    }

    /// <summary>Fills oldest first have non-decreasing times; each order has createdAt ≤ its terminal time ≤ updatedAt.</summary>
    internal static void AssertTimesMoveForward(IReadOnlyList<Fill> fills, IReadOnlyList<Order> orders) =>
        Assert.Empty(AccountTimes.GoingBack(fills, orders));
}
