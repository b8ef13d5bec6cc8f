using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>
/// What statistics are computed from: the account's round trips and open lots (<see cref="RoundTripBuilder"/>), its
/// equity curve (samples, oldest first; <see cref="EquityCurve"/>), its initial balance and its trading days.
/// </summary>
public sealed record StatisticsInput(
    decimal InitialBalance,
    IReadOnlyList<RoundTrip> Trades,
    IReadOnlyList<OpenLot> Open,
    IReadOnlyList<EquitySample> Equity,
    AnalyticsDays Days);
