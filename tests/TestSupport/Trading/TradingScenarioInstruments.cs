using Crucible.Grains.Interfaces.Markets;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// An instrument in a generated scenario and how its prices move: a random walk of
/// <see cref="StepTicks"/>-sized steps from <see cref="StartPrice"/>, with a spread of whole multiples of
/// <see cref="SpreadTicks"/>; orders are 1 to <see cref="MaxLots"/> lots.
/// </summary>
public sealed record ScenarioInstrument(InstrumentSpec Spec, decimal StartPrice, long StepTicks, long SpreadTicks, int MaxLots, bool SettlesAtEnd = false);

/// <summary>Four kinds with different hours, grids and multipliers, and one instrument the account cannot trade.</summary>
public static class TradingScenarioInstruments
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static TradingHours NewYorkStocks { get; } = new("America/New_York", new(9, 30), new(16, 0), Weekdays);

    // CME Globex: Sunday to Thursday 17:00 Chicago until 16:00 the next day.
    public static TradingHours ChicagoFutures { get; } = new("America/Chicago", new(17, 0), new(16, 0),
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);

    public static ScenarioInstrument Bitcoin { get; } = new(
        new InstrumentSpec("BTC-USD", "Bitcoin / US dollar", InstrumentKind.Crypto, "USD", 0.01m, 0.0001m, 1m, null),
        StartPrice: 65_000m, StepTicks: 300, SpreadTicks: 50, MaxLots: 2_000);

    public static ScenarioInstrument Apple { get; } = new(
        new InstrumentSpec("AAPL", "Apple Inc.", InstrumentKind.Equity, "USD", 0.01m, 1m, 1m, NewYorkStocks),
        StartPrice: 190m, StepTicks: 3, SpreadTicks: 1, MaxLots: 200);

    public static ScenarioInstrument EMini { get; } = new(
        new InstrumentSpec("ES", "E-mini S&P 500", InstrumentKind.Future, "USD", 0.25m, 1m, 50m, ChicagoFutures),
        StartPrice: 5_000m, StepTicks: 1, SpreadTicks: 1, MaxLots: 3);

    public static ScenarioInstrument Election { get; } = new(
        new InstrumentSpec("PRES-2028", "Presidential election 2028", InstrumentKind.Prediction, "USD", 0.01m, 1m, 1m, null),
        StartPrice: 0.50m, StepTicks: 1, SpreadTicks: 1, MaxLots: 500, SettlesAtEnd: true);

    /// <summary>Quoted in euros: every order for it is rejected with CurrencyNotSupported. It never quotes.</summary>
    public static InstrumentSpec EuroFuture { get; } =
        new("FDAX", "DAX future", InstrumentKind.Future, "EUR", 1m, 1m, 25m, null);

    public static IReadOnlyList<ScenarioInstrument> Standard { get; } = [Bitcoin, Apple, EMini, Election];

    public static InstrumentSpec? Find(string symbol) =>
        symbol == EuroFuture.Symbol ? EuroFuture : Standard.FirstOrDefault(i => i.Spec.Symbol == symbol)?.Spec;
}
