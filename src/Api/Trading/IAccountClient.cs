using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Trading;

/// <summary>What the account hub sends. Order, fill and position events carry the account's next sequence number.</summary>
public interface IAccountClient
{
    Task Order(OrderUpdated update);

    Task Fill(FillReported fill);

    Task Position(PositionUpdated update);

    /// <summary>Balances and equity; conflated (latest wins, at most a configured number per second).</summary>
    Task Account(AccountUpdated update);
}
