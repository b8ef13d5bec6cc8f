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

    [Fact]
    public void A_hard_breach_observed_exactly_at_the_deadline_fails_the_phase()
    {
        var rules = Phases.Bare() with
        {
            TimeLimitDays = 30,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 2_000m, LockMode.None, 0m),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-02-04T08:00:00Z", 48_000m);                       // at the deadline instant, on the floor

        Assert.Equal((PhaseStatus.Failed, "overallLoss"), (d.Engine.Status, d.Engine.EndedBy));
    }

    [Fact]
    public void A_breach_observed_after_the_deadline_comes_too_late_the_phase_had_expired()
    {
        var rules = Phases.Bare() with
        {
            InactivityDays = 10,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 2_000m, LockMode.None, 0m),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        var end = d.Tick("2026-01-15T08:00:00.001Z", 48_000m);

        Assert.Equal((PhaseStatus.Expired, "inactivity"), (d.Engine.Status, d.Engine.EndedBy));
        Assert.Equal(RuleEventKind.Expired, Assert.Single(end).Kind);
    }

    [Fact]
    public void Of_two_deadlines_passed_the_earlier_names_the_expiry()
    {
        var rules = Phases.Bare() with { TimeLimitDays = 30, InactivityDays = 10 };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Clock("2026-02-04T08:00:00Z");                               // inactivity ended on 15 January

        Assert.Equal((PhaseStatus.Expired, "inactivity"), (d.Engine.Status, d.Engine.EndedBy));
    }
}
