using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>
/// An order as the plan's limits see it. <see cref="EntryPrice"/> is the reference entry (ask for a buy, bid for a
/// sell, the limit price for a limit order); <see cref="StopPrice"/> is the attached stop-loss (bracket or OCO), if
/// any; <see cref="PositionBefore"/> is signed (short &lt; 0); <see cref="ContractWeight"/> is how much one contract
/// counts toward max contracts (1, or e.g. 0.1 for a micro).
/// </summary>
public sealed record OrderLimitRequest(
    OrderSide Side,
    decimal Quantity,
    decimal EntryPrice,
    decimal? StopPrice,
    decimal Multiplier,
    decimal PositionBefore,
    decimal Equity,
    decimal GrossExposureBefore,
    decimal ContractWeight = 1m);

/// <summary>Why an order is refused: the limit's name ("maxRiskPerTrade", "requireStopLoss", "maxContracts", "maxLeverage") and a sentence for the trader.</summary>
public sealed record OrderLimitRefusal(string Limit, string Reason);

/// <summary>
/// The plan's order-time limits (docs/rules.md "Limits"), checked before an order is accepted. Only an order that
/// opens exposure (grows the position or flips it) can be refused: a firm never stops a trader from reducing risk.
/// </summary>
public static class OrderLimitCheck
{
    /// <summary>Null when the order is within every limit; otherwise the first limit it breaks.</summary>
    public static OrderLimitRefusal? Check(OrderLimits limits, OrderLimitRequest order)
    {
        var after = order.PositionBefore + (order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity);
        var opens = Math.Abs(after) > Math.Abs(order.PositionBefore)
            || (after != 0 && Math.Sign(after) == -Math.Sign(order.PositionBefore));
        if (!opens) return null;

        if (limits.RequireStopLoss && order.StopPrice is null)
            return new("requireStopLoss", "every opening order must carry a stop-loss (bracket or OCO)");

        if (limits.MaxRiskPerTradePercent is { } r && order.StopPrice is { } stop)
        {
            var risk = Math.Abs(order.EntryPrice - stop) * order.Quantity * order.Multiplier;
            var allowed = r / 100m * order.Equity;
            if (risk > allowed)
                return new("maxRiskPerTrade", $"the loss to the stop, {risk}, is more than {r}% of equity ({allowed})");
        }

        if (limits.MaxContracts is { } n)
        {
            var contracts = Math.Abs(after) * order.ContractWeight;
            if (contracts > n)
                return new("maxContracts", $"the position after the order, {contracts} contracts, is more than the maximum of {n}");
        }

        if (limits.MaxLeverage is { } k)
        {
            var notional = order.EntryPrice * order.Multiplier;
            var exposure = order.GrossExposureBefore + (Math.Abs(after) - Math.Abs(order.PositionBefore)) * notional;
            var allowed = k * order.Equity;
            if (exposure > allowed)
                return new("maxLeverage", $"gross exposure after the order, {exposure}, is more than {k} × equity ({allowed})");
        }

        return null;
    }
}
