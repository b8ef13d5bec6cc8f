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
}
