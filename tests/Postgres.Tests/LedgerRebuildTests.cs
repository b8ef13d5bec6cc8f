using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using Crucible.TestSupport.Ledger;

namespace Crucible.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LedgerRebuildTests(PostgresServerFixture server)
{
    [Fact]
    public async Task An_account_rebuilt_from_the_PostgreSQL_ledger_equals_the_hand_computed_account()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "rebuild");
        // The grain appends one command's entries at a time; the state store is then lost, the ledger is not.
        await using (var ledger = db.Ledger())
        {
            foreach (var entry in LedgerSamples.ScriptedAccount()) await ledger.AppendAsync(entry);
            await ledger.AppendAsync(new AccountOpened("someone-else", 5m, LedgerSamples.T0));
        }

        var account = AccountRebuild.From(await new PostgresLedgerReader(db.DataSource).ReadAccountAsync("scripted"));

        // Hand-computed in LedgerSamples.ScriptedAccount: realized 75 − 75 + 60, commissions 20.23.
        Assert.Equal(10_039.77m, account.Balance);
        Assert.Equal(60m, account.RealizedPnl);
        Assert.Equal(20.23m, account.Commissions);
        Assert.Equal(
            [new RebuiltPosition("AAPL", -5m, 100m, 0m), new RebuiltPosition("BTC-USD", 0.5m, 40_000m, 0m)],
            account.Positions);
        Assert.Equal(["O-5"], account.WorkingOrders.Select(o => o.Id));
        Assert.Equal(["F-1", "F-2", "F-3", "F-4", "F-5", "F-6"], account.Fills.Select(f => f.Id));
    }

    [Fact]
    public async Task An_opg_or_cls_order_and_a_notional_come_back_from_the_ledger_as_they_were_written()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "auction-notional");
        var notional = LedgerSamples.Order("a", "O-1", "AAPL", OrderSide.Buy, OrderType.Market, 7m, OrderStatus.Accepted)
            with { TimeInForce = TimeInForce.Opg, Notional = 760.25m, ExpiresAt = LedgerSamples.T0.AddHours(6.5) };
        var close = LedgerSamples.Order("a", "O-2", "AAPL", OrderSide.Sell, OrderType.Limit, 3m, OrderStatus.Expired, limit: 101m)
            with { TimeInForce = TimeInForce.Cls };
        await using (var ledger = db.Ledger())
        {
            await ledger.AppendAsync(new AccountOpened("a", 10_000m, LedgerSamples.T0));
            await ledger.AppendAsync(new OrderRecorded(notional, 1));
            await ledger.AppendAsync(new OrderRecorded(close, 1));
        }

        var history = await new PostgresLedgerReader(db.DataSource).ReadAccountAsync("a");

        Assert.Equal([notional, close], history.Orders.Select(o => o.Order), new OrderComparer());
    }

    /// <summary>Records compare their leg lists by reference: equal here means every field, legs by content.</summary>
    private sealed class OrderComparer : IEqualityComparer<Order>
    {
        private static readonly string[] NoLegs = [];

        public bool Equals(Order? x, Order? y) =>
            x is not null && y is not null && x.LegIds.SequenceEqual(y.LegIds) && x with { LegIds = NoLegs } == y with { LegIds = NoLegs };

        public int GetHashCode(Order o) => o.Id.GetHashCode(StringComparison.Ordinal);
    }
}
