using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Persistence.Migrations;
using Crucible.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>What the durable position-book tests share: a migrated database, orders, and the account as a comparable value.</summary>
internal static class DurableAccounts
{
    // A bound against hanging, not a speed requirement.
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<string> MigratedDatabaseAsync(PostgresServerFixture server, string prefix)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix + "_" + Guid.NewGuid().ToString("N"));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return connectionString;
    }

    /// <summary>The feed's first quote (the silo's simulator starts its feeds when it starts).</summary>
    public static async Task<Quote> QuoteAsync(IGrainFactory grains, string symbol)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            if (await grains.GetGrain<IInstrumentFeedGrain>(symbol).GetQuoteAsync() is { } quote) return quote;
            await Task.Delay(50, timeout.Token);
        }
    }

    public static OrderRequest Market(string symbol, OrderSide side, decimal quantity, string clientOrderId) =>
        new(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc, ClientOrderId: clientOrderId);

    public static OrderRequest Limit(string symbol, OrderSide side, decimal quantity, decimal price, string clientOrderId) =>
        new(symbol, side, OrderType.Limit, quantity, TimeInForce.Gtc, LimitPrice: price, ClientOrderId: clientOrderId);

    /// <summary>The order the command placed, which filled at once.</summary>
    public static async Task<Order> FilledAsync(Task<OrderCommandResult> command)
    {
        var result = await command;
        Assert.Null(result.Error);
        Assert.Equal(OrderStatus.Filled, result.Order!.Status);
        return result.Order;
    }

    /// <summary>The account as a value: times cut to the microsecond, the ledger's resolution.</summary>
    public static async Task<AccountView> ViewAsync(IPositionBookGrain book)
    {
        var state = (await book.GetStateAsync())!;
        var account = state.Account;
        var orders = (await book.GetOrdersAsync(OrderStatusFilter.All)).Reverse()
            .Select(o => $"{o.Id} {o.ClientOrderId} {o.Symbol} {o.Side} {o.Type} {o.Quantity} {o.FilledQuantity} {o.AverageFillPrice} {o.LimitPrice} {o.Status} {Micro(o.CreatedAt)} {Micro(o.UpdatedAt)}")
            .ToList();
        var fills = (await book.GetFillsAsync())
            .Select(f => $"{f.Id} {f.OrderId} {f.Symbol} {f.Side} {f.Quantity} {f.Price} {f.Commission} {f.RealizedPnl} {Micro(f.Time)} {f.QuoteSequence}")
            .ToList();
        var positions = (await book.GetPositionsAsync())
            .Select(p => $"{p.Symbol} {p.Quantity} {p.AverageEntryPrice} {p.RealizedPnl}")
            .ToList();
        return new AccountView(account.InitialBalance, account.Balance, account.RealizedPnl, account.CommissionsPaid, orders, fills, positions, state.Sequence);
    }

    private static string Micro(DateTimeOffset time) => new DateTimeOffset(time.Ticks - time.Ticks % 10, time.Offset).ToString("O");
}

internal sealed record AccountView(
    decimal InitialBalance, decimal Balance, decimal RealizedPnl, decimal Commissions,
    IReadOnlyList<string> Orders, IReadOnlyList<string> Fills, IReadOnlyList<string> Positions, long Sequence)
{
    // Lists compare by content, so a failure shows which line differs.
    public void AssertSameAs(AccountView other)
    {
        Assert.Equal(other.Orders, Orders);
        Assert.Equal(other.Fills, Fills);
        Assert.Equal(other.Positions, Positions);
        Assert.Equal((other.InitialBalance, other.Balance, other.RealizedPnl, other.Commissions, other.Sequence),
            (InitialBalance, Balance, RealizedPnl, Commissions, Sequence));
    }
}
