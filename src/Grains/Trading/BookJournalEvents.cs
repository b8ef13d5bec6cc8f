namespace Crucible.Grains.Trading;

/// <summary>
/// A trailing stop's watermark and stop moved with the market. Reported so that every change of an order reaches the
/// journal a book is rebuilt from, and the clients that show the stop.
/// </summary>
public sealed record OrderTrailed(Interfaces.Trading.Order Order) : BookEvent;

/// <summary>
/// A contract settled at <paramref name="Price"/> and closed its position without commission (prediction markets):
/// the signed <paramref name="Quantity"/> it closed and what that realized, on the quote <paramref name="QuoteSequence"/>
/// (what the ledger records; a rebuild needs only the symbol and the price).
/// </summary>
public sealed record ContractSettled(
    string Symbol, decimal Price, DateTimeOffset Time, decimal Quantity = 0m, decimal RealizedPnl = 0m, long QuoteSequence = 0) : BookEvent;
