using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Trading;

/// <summary>The price a market order pays for taking liquidity at the touch.</summary>
internal interface ISlippageModel
{
    decimal MarketFillPrice(InstrumentSpec spec, OrderSide side, decimal touch, decimal quantity);
}

/// <summary>
/// Fixed bps plus bps per lot of the fill's quantity, then rounded to the tick grid against the trader
/// (buys up, sells down), so slippage never improves a price.
/// </summary>
internal sealed class BpsSlippageModel(SlippageTerms terms) : ISlippageModel
{
    public decimal MarketFillPrice(InstrumentSpec spec, OrderSide side, decimal touch, decimal quantity)
    {
        var bps = terms.FixedBps + terms.BpsPerLot * quantity / spec.LotSize;
        var slippage = touch * bps / 10_000m;
        return side == OrderSide.Buy
            ? PriceGrid.CeilToTick(touch + slippage, spec.TickSize)
            : PriceGrid.FloorToTick(touch - slippage, spec.TickSize);
    }
}
