using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Domain.Tests.Trading;

/// <summary>Instrument specs built by hand, one per kind the scenarios trade; found case-insensitively, like the catalog.</summary>
internal static class Instruments
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static readonly TradingHours NewYorkStocks = new("America/New_York", new(9, 30), new(16, 0), Weekdays);

    public static readonly TradingHours ChicagoFutures = new("America/Chicago", new(17, 0), new(16, 0),
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);

    public static readonly InstrumentSpec Equity = new("AAPL", "Apple", InstrumentKind.Equity, "USD", 0.01m, 1m, 1m, NewYorkStocks);
    public static readonly InstrumentSpec Future = new("ES", "E-mini S&P", InstrumentKind.Future, "USD", 0.25m, 1m, 50m, ChicagoFutures);
    public static readonly InstrumentSpec Crypto = new("BTC", "Bitcoin", InstrumentKind.Crypto, "USD", 0.01m, 0.0001m, 1m, null);
    public static readonly InstrumentSpec Prediction = new("ELECT", "Election", InstrumentKind.Prediction, "USD", 0.01m, 1m, 1m, null);
    public static readonly InstrumentSpec EuroEquity = new("SAP", "SAP", InstrumentKind.Equity, "EUR", 0.01m, 1m, 1m, null);

    public static InstrumentSpec? Find(string symbol) =>
        new[] { Equity, Future, Crypto, Prediction, EuroEquity }.FirstOrDefault(i => string.Equals(i.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
}
