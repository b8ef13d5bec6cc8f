using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>
/// An order as the plan's limits see it. <see cref="EntryPrice"/> is the reference entry (ask for a buy, bid for a
/// sell, the limit price for a limit order); <see cref="StopPrice"/> is the attached stop-loss (bracket or OCO), if
/// any; <see cref="PositionBefore"/> is signed (short &lt; 0); <see cref="ContractWeight"/> is how much one contract
/// counts toward max contracts (1, or e.g. 0.1 for a micro); <see cref="TotalContractsBefore"/> is Σ |position| × weight
/// over every futures position (this one included); <see cref="ScalingAllowance"/> is today's scaling-plan allowance.
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
    decimal ContractWeight = 1m,
    decimal? Balance = null,
    decimal TotalContractsBefore = 0m,
    decimal? ScalingAllowance = null);

/// <summary>
/// Why an order is refused: the limit's name ("requireStopLoss", "maxRiskPerTrade", "maxContracts", "maxContractsTotal",
/// "scalingPlan", "maxLeverage") and a sentence for the trader.
/// </summary>
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
        var after = After(order.Side, order.Quantity, order.PositionBefore);
        if (!Opens(order.Side, order.Quantity, order.PositionBefore)) return null;

        if (limits.RequireStopLoss && order.StopPrice is null)
            return new("requireStopLoss", "every opening order must carry a stop-loss (bracket or OCO)");

        if (limits.MaxRiskPerTradePercent is { } r && order.StopPrice is { } stop)
        {
            var risk = Math.Abs(order.EntryPrice - stop) * order.Quantity * order.Multiplier;
            var (basis, value) = limits.RiskBasis == RiskBasis.Balance ? ("balance", order.Balance ?? order.Equity) : ("equity", order.Equity);
            var allowed = r / 100m * value;
            if (risk > allowed)
                return new("maxRiskPerTrade", $"the loss to the stop, {risk}, is more than {r}% of {basis} ({allowed})");
        }

        if (limits.MaxContracts is { } n)
        {
            var contracts = Math.Abs(after) * order.ContractWeight;
            if (contracts > n)
                return new("maxContracts", $"the position after the order, {contracts} contracts, is more than the maximum of {n}");
        }

        // Across instruments: every futures position's contracts, this one's replaced by its size after the order.
        var total = order.TotalContractsBefore + (Math.Abs(after) - Math.Abs(order.PositionBefore)) * order.ContractWeight;
        if (limits.MaxContractsTotal is { } totalLimit && total > totalLimit)
            return new("maxContractsTotal", $"the positions after the order, {total} contracts in total, are more than the maximum of {totalLimit}");
        if (order.ScalingAllowance is { } allowance && total > allowance)
            return new("scalingPlan", $"the positions after the order, {total} contracts in total, are more than today's scaling-plan allowance of {allowance}");

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

    /// <summary>The signed position after an order fills in full.</summary>
    public static decimal After(OrderSide side, decimal quantity, decimal positionBefore) =>
        positionBefore + (side == OrderSide.Buy ? quantity : -quantity);

    /// <summary>Whether an order opens exposure: makes |position| larger or flips it to the other side (D21).</summary>
    public static bool Opens(OrderSide side, decimal quantity, decimal positionBefore)
    {
        var after = After(side, quantity, positionBefore);
        return Math.Abs(after) > Math.Abs(positionBefore) || (after != 0 && Math.Sign(after) == -Math.Sign(positionBefore));
    }
}
