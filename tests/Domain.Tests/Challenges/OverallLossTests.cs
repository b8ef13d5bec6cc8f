using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class OverallLossTests
{
    private static PhaseRules Rules(DrawdownMode mode, decimal amount, LockMode lockMode = LockMode.None, decimal offset = 0m) =>
        Phases.Bare("America/Chicago", 17) with { OverallLoss = new OverallLossRule(mode, amount, lockMode, offset) };

    private static decimal Floor(PhaseDriver d) => d.Engine.Rules.OfType<OverallLossGuard>().Single().Floor;

    [Fact]
    public void Static_floor_is_initial_minus_the_drawdown_whatever_the_profit()
    {
        var d = new PhaseDriver(Rules(DrawdownMode.Static, 10_000m), 100_000m, "2026-01-05T15:00:00Z");
        d.Fill("2026-01-05T16:00:00Z", 5_000m);
        d.Tick("2026-01-05T16:00:01Z", 90_000.01m);
        Assert.Equal(90_000m, Floor(d));
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-05T16:00:02Z", 90_000m);
        Assert.Equal((PhaseStatus.Failed, "overallLoss"), (d.Engine.Status, d.Engine.EndedBy));
    }

    [Fact]
    public void Trailing_intraday_floor_follows_the_unrealized_peak_then_locks_at_initial_plus_offset()
    {
        // Apex-style: 50k, $2,500 trailing on equity, locked at initial + $100 = 50,100.
        var d = new PhaseDriver(Rules(DrawdownMode.TrailingIntraday, 2_500m, LockMode.InitialPlusOffset, 100m), 50_000m, "2026-01-05T15:00:00Z");
        var up = d.Tick("2026-01-05T15:01:00Z", 51_000m);              // peak 51,000 → floor 48,500
        Assert.Equal(48_500m, Floor(d));
        Assert.Contains(up, e => e.Kind == RuleEventKind.FloorMoved && e.Measured == 51_000m && e.Limit == 48_500m);

        d.Tick("2026-01-05T15:02:00Z", 48_500.01m);                    // the peak was floating only: the floor stays
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-05T15:03:00Z", 52_600m);                       // 52,600 − 2,500 = 50,100: the lock
        d.Tick("2026-01-05T15:04:00Z", 54_000m);                       // 51,500 capped at 50,100
        Assert.Equal(50_100m, Floor(d));
        d.Tick("2026-01-05T15:05:00Z", 50_100.01m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-05T15:06:00Z", 50_100m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void Trailing_end_of_day_ignores_intraday_peaks_and_moves_only_on_the_closing_balance()
    {
        // Topstep-style: 50k, $2,000, locked at initial. Reset 17:00 Chicago (23:00Z in January).
        var d = new PhaseDriver(Rules(DrawdownMode.TrailingEndOfDay, 2_000m, LockMode.Initial), 50_000m, "2026-01-05T15:00:00Z");
        d.Tick("2026-01-05T16:00:00Z", 53_000m);                       // intraday peak: ignored
        Assert.Equal(48_000m, Floor(d));
        d.Fill("2026-01-05T20:00:00Z", 500m);                          // closes the day at 50,500
        d.Clock("2026-01-05T23:00:00Z");
        Assert.Equal(48_500m, Floor(d));

        d.Fill("2026-01-06T20:00:00Z", 2_000m);                        // closes at 52,500: 50,500 capped at 50,000
        d.Tick("2026-01-06T22:00:00Z", 49_000m);                        // frozen intraday: 49,000 > 48,500
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Clock("2026-01-06T23:00:00Z");                               // closing balance is 52,500, not the equity
        Assert.Equal(50_000m, Floor(d));
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);             // equity 49,000 ≤ 50,000 at the reset
    }

    [Fact]
    public void Trailing_closed_balance_moves_on_fills_only_and_locks_at_initial()
    {
        // E8 One-style: 50k, $2,000 below the closed-balance high-water mark, locked at initial.
        var d = new PhaseDriver(Rules(DrawdownMode.TrailingClosedBalance, 2_000m, LockMode.Initial), 50_000m, "2026-01-05T15:00:00Z");
        d.Tick("2026-01-05T15:01:00Z", 53_000m);                       // floating: no move
        Assert.Equal(48_000m, Floor(d));
        d.Fill("2026-01-05T15:02:00Z", 1_000m);                        // hwm 51,000 → floor 49,000
        Assert.Equal(49_000m, Floor(d));
        d.Fill("2026-01-05T15:03:00Z", 1_500m);                        // hwm 52,500 → 50,500 capped at 50,000
        d.Fill("2026-01-05T15:04:00Z", 500m);                          // hwm 53,000: still 50,000
        Assert.Equal(50_000m, Floor(d));
        d.Fill("2026-01-05T15:05:00Z", -2_999.99m);                    // balance 50,000.01
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-05T15:06:00Z", 50_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void End_of_day_floor_at_initial_trails_the_best_closing_balance_without_a_lock()
    {
        // FTMO 1-Step-style: 100k, 10% = 10,000 below max(initial, best reset balance).
        var d = new PhaseDriver(Rules(DrawdownMode.EndOfDayFloorAtInitial, 10_000m), 100_000m, "2026-01-05T15:00:00Z");
        d.Fill("2026-01-05T20:00:00Z", -3_000m);                       // closes at 97,000: max(initial, 97,000) − 10,000
        d.Clock("2026-01-05T23:00:00Z");
        Assert.Equal(90_000m, Floor(d));
        d.Fill("2026-01-06T20:00:00Z", 15_000m);                       // closes at 112,000 → floor 102,000 (no lock)
        d.Clock("2026-01-06T23:00:00Z");
        Assert.Equal(102_000m, Floor(d));
        d.Fill("2026-01-07T20:00:00Z", -5_000m);                       // a lower close never lowers it
        d.Clock("2026-01-07T23:00:00Z");
        Assert.Equal(102_000m, Floor(d));
    }
}
