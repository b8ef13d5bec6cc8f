using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>The account's marked numbers at the latest quotes (docs/trading.md, "Money and rounding").</summary>
internal sealed record AccountValuation(
    IReadOnlyList<Position> Positions, decimal Balance, decimal UnrealizedPnl, decimal Equity, decimal GrossExposure, decimal NetExposure)
{
    public static AccountValuation Of(BookState state)
    {
        var positions = state.Ledger.Symbols.Select(s => state.Ledger.View(s, state.QuoteOf(s))).ToList();
        var balance = BalanceOf(state);
        var unrealized = positions.Sum(p => p.UnrealizedPnl);
        return new AccountValuation(
            positions, balance, unrealized, balance + unrealized,
            positions.Sum(p => Math.Abs(p.MarketValue)), positions.Sum(p => p.MarketValue));
    }

    /// <summary>Cash: the initial balance plus realized P&amp;L, less commissions.</summary>
    public static decimal BalanceOf(BookState state) => state.InitialBalance + state.Ledger.RealizedPnl - state.Ledger.Commissions;

    public decimal ExposureOf(string symbol) => Positions.Where(p => p.Symbol == symbol).Sum(p => Math.Abs(p.MarketValue));

    public decimal BuyingPower(decimal maxLeverage) => Math.Max(0m, Money.Cents(maxLeverage * Equity - GrossExposure));
}
