using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class ExpiryTests
{
    [Fact]
    public void TimeLimit_expires_at_the_first_observation_at_or_after_start_plus_n_days()
    {
        var rules = Phases.Bare() with { ProfitTarget = 3_000m, TimeLimitDays = 30 };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-02-04T07:59:59.999Z", 100m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        var end = d.Fill("2026-02-04T08:00:00Z", 5_000m);              // the deadline: this fill does not pass

        Assert.Equal((PhaseStatus.Expired, "timeLimit"), (d.Engine.Status, d.Engine.EndedBy));
        Assert.Equal(PhaseDriver.At("2026-02-04T08:00:00Z"), d.Engine.EndedAt);
        Assert.Equal(RuleEventKind.Expired, Assert.Single(end).Kind);
    }

    [Fact]
    public void Inactivity_expires_after_n_days_without_a_fill_counted_from_the_last_fill()
    {
        var rules = Phases.Bare() with { ProfitTarget = 3_000m, InactivityDays = 30 };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-20T12:00:00Z", 100m);
        d.Clock("2026-02-04T08:00:00Z");                               // 30 days after the start, but a fill since
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-02-19T11:59:59Z", 50_200m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Clock("2026-02-19T12:00:00Z");
        Assert.Equal((PhaseStatus.Expired, "inactivity"), (d.Engine.Status, d.Engine.EndedBy));
    }

    [Fact]
    public void Inactivity_counts_from_the_start_when_there_was_no_fill()
    {
        var d = new PhaseDriver(Phases.Bare() with { InactivityDays = 10 }, 50_000m, "2026-01-05T08:00:00Z");
        d.Clock("2026-01-15T08:00:00Z");
        Assert.Equal(PhaseStatus.Expired, d.Engine.Status);
    }
}
