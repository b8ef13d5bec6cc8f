using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Analytics;

/// <summary>Fills and samples written by hand for the analytics tests; times count minutes from a fixed Monday 10:00 UTC.</summary>
internal static class AnalyticsFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    private static int ids;

    public static Fill Buy(string symbol, decimal quantity, decimal price, decimal commission, double minute) =>
        new($"F-{Interlocked.Increment(ref ids)}", "O-1", symbol, OrderSide.Buy, quantity, price, commission, 0m, At(minute), 1);

    public static Fill Sell(string symbol, decimal quantity, decimal price, decimal commission, double minute) =>
        new($"F-{Interlocked.Increment(ref ids)}", "O-1", symbol, OrderSide.Sell, quantity, price, commission, 0m, At(minute), 1);

    public static EquitySample Sample(double minute, decimal balance, decimal equity) => new(At(minute), balance, equity);

    public static decimal Multiplier(string symbol) => symbol switch
    {
        "ES" => 50m,
        "NQ" => 20m,
        _ => 1m,
    };
}
