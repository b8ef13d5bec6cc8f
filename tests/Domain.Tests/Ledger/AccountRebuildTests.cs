using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.TestSupport.Ledger;
using static Crucible.TestSupport.Ledger.LedgerSamples;

namespace Crucible.Domain.Tests.Ledger;

public sealed class AccountRebuildTests
{
    [Fact]
    public async Task Scripted_account_rebuilds_to_the_hand_computed_balance_positions_and_working_orders()
    {
        var ledger = new InMemoryLedger();
        await ledger.AppendAsync(LedgerSamples.ScriptedAccount());

        var account = AccountRebuild.From(await ledger.ReadAccountAsync("scripted"));

        // Realized 75 − 75 + 60 (settlement); commissions 0.05 + 0.05 + 0.03 + 0.10 + 20.00.
        Assert.Equal(10_000m, account.InitialBalance);
        Assert.Equal(60m, account.RealizedPnl);
        Assert.Equal(20.23m, account.Commissions);
        Assert.Equal(10_039.77m, account.Balance);
        Assert.Equal(
            [new RebuiltPosition("AAPL", -5m, 100m, 0m), new RebuiltPosition("BTC-USD", 0.5m, 40_000m, 0m)],
            account.Positions);
        Assert.Equal(["O-1", "O-2", "O-3", "O-4", "O-5", "O-6", "O-7", "O-8"], account.Orders.Select(o => o.Id));
        Assert.Equal(OrderStatus.Canceled, account.Orders.Single(o => o.Id == "O-6").Status);
        Assert.Equal(["O-5"], account.WorkingOrders.Select(o => o.Id));
        Assert.Equal(["F-1", "F-2", "F-3", "F-4", "F-5", "F-6"], account.Fills.Select(f => f.Id));
    }

    [Fact]
    public void Adding_moves_the_average_and_reducing_keeps_it_while_the_position_accumulates_what_it_realized()
    {
        // Buy 3 @ 10 and 1 @ 14: (30 + 14) / 4 = 11. Sell 2 @ 15 realizes (15 − 11) × 2 = 8.
        var account = Rebuild(
            Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 3m, 10m, 0.01m),
            Fill("F-2", "O-2", "XYZ", OrderSide.Buy, 1m, 14m, 0.01m, second: 1),
            Fill("F-3", "O-3", "XYZ", OrderSide.Sell, 2m, 15m, 0.01m, 8m, second: 2));

        Assert.Equal([new RebuiltPosition("XYZ", 2m, 11m, 8m)], account.Positions);
        Assert.Equal(1_000m + 8m - 0.03m, account.Balance);
    }

    [Fact]
    public void A_short_covered_exactly_leaves_no_position_and_its_realized_pnl_in_the_balance()
    {
        // Sell 4 @ 50 and 4 @ 40: short 8 @ 45. Buy 8 @ 30 realizes (45 − 30) × 8 = 120.
        var account = Rebuild(
            Fill("F-1", "O-1", "XYZ", OrderSide.Sell, 4m, 50m),
            Fill("F-2", "O-2", "XYZ", OrderSide.Sell, 4m, 40m, second: 1),
            Fill("F-3", "O-3", "XYZ", OrderSide.Buy, 8m, 30m, 0m, 120m, second: 2));

        Assert.Empty(account.Positions);
        Assert.Equal(1_120m, account.Balance);
    }

    [Fact]
    public void A_flip_opens_the_rest_at_the_fill_price_with_nothing_realized_yet()
    {
        // Long 2 @ 10; sell 5 @ 12 closes 2 realizing 4 and opens short 3 @ 12.
        var account = Rebuild(
            Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 2m, 10m),
            Fill("F-2", "O-2", "XYZ", OrderSide.Sell, 5m, 12m, 0m, 4m, second: 1));

        Assert.Equal([new RebuiltPosition("XYZ", -3m, 12m, 0m)], account.Positions);
        Assert.Equal(1_004m, account.Balance);
    }

    [Fact]
    public void The_average_entry_is_kept_at_full_precision()
    {
        var account = Rebuild(
            Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 1m, 10m),
            Fill("F-2", "O-2", "XYZ", OrderSide.Buy, 2m, 10.01m, second: 1));

        Assert.Equal((10m + 20.02m) / 3m, account.Positions.Single().AverageEntryPrice);
    }

    [Fact]
    public void The_latest_version_of_an_order_wins_even_when_an_older_one_was_appended_after_it()
    {
        var accepted = Order("a", "O-1", "XYZ", OrderSide.Buy, OrderType.Limit, 1m, OrderStatus.Accepted, limit: 9m);
        var canceled = accepted with { Status = OrderStatus.Canceled, CanceledAt = T0.AddSeconds(5) };
        var history = new AccountHistory(
            "a", new AccountOpened("a", 1_000m, T0), [new OrderRecorded(canceled, 2), new OrderRecorded(accepted, 1)], [], [], [], []);

        var account = AccountRebuild.From(history);

        Assert.Equal(OrderStatus.Canceled, Assert.Single(account.Orders).Status);
        Assert.Empty(account.WorkingOrders);
    }

    [Fact]
    public void An_account_without_an_opening_cannot_be_rebuilt()
    {
        var history = new AccountHistory("lost", null, [], [], [], [], []);

        var error = Assert.Throws<InvalidOperationException>(() => AccountRebuild.From(history));
        Assert.Contains("lost", error.Message);
    }

    [Fact]
    public async Task The_in_memory_ledger_stores_an_entry_appended_twice_once()
    {
        var ledger = new InMemoryLedger();
        var fill = new FillRecorded("a", Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 1m, 10m));

        await ledger.AppendAsync([new AccountOpened("a", 1_000m, T0), fill]);
        await ledger.AppendAsync(fill with { Fill = fill.Fill with { Price = 11m } });

        var history = await ledger.ReadAccountAsync("a");
        Assert.Equal(10m, Assert.Single(history.Fills).Fill.Price);
    }

    private static RebuiltAccount Rebuild(params Fill[] fills) =>
        AccountRebuild.From(new AccountHistory(
            "a", new AccountOpened("a", 1_000m, T0), [], fills.Select(f => new FillRecorded("a", f)).ToList(), [], [], []));
}
