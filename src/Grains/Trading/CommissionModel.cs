using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>What one fill costs.</summary>
internal interface ICommissionModel
{
    decimal For(InstrumentSpec spec, decimal quantity, decimal price);
}

/// <summary>
/// Per unit of quantity (a share, a contract, a coin: not per lot) plus bps of notional
/// (price × quantity × multiplier), rounded to the cent on each fill.
/// </summary>
internal sealed class ScheduleCommissionModel(TradingTerms terms) : ICommissionModel
{
    public decimal For(InstrumentSpec spec, decimal quantity, decimal price)
    {
        var schedule = terms.CommissionFor(spec.Kind);
        return Money.Cents(schedule.PerUnit * quantity + schedule.Bps * price * quantity * spec.Multiplier / 10_000m);
    }
}
