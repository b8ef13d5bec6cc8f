using Crucible.Grains.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// Which accounts may leave memory when idle (issue 12 "Memory"): only an opened account whose ledger keeps its history
/// and which has nothing running (no followed market, no working order, no phase clock, no unacknowledged outcome).
/// </summary>
public sealed class AccountLifetimeTests
{
    private static readonly AccountLifetime IdleDurable = new(Opened: true, KeepsHistory: true, FollowsMarkets: false,
        WorkingOrders: false, PhaseClockRunning: false, OutcomeUnacknowledged: false);

    [Fact]
    public void An_idle_account_whose_ledger_keeps_its_history_may_go_after_the_idle_age()
    {
        Assert.False(IdleDurable.MustStayInMemory);
        Assert.Equal(TimeSpan.Zero, IdleDurable.DeactivationDelay);
    }

    [Fact]
    public void An_account_with_no_ledger_history_stays_whatever_it_does_because_its_book_exists_only_in_memory()
    {
        var embedded = IdleDurable with { KeepsHistory = false };

        Assert.True(embedded.MustStayInMemory);
        Assert.Equal(Timeout.InfiniteTimeSpan, embedded.DeactivationDelay);
    }

    public static TheoryData<string> Reasons => ["position or working symbol", "working order", "phase clock", "outcome"];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Each_thing_still_running_keeps_a_durable_account_in_memory(string reason)
    {
        var busy = reason switch
        {
            "position or working symbol" => IdleDurable with { FollowsMarkets = true },
            "working order" => IdleDurable with { WorkingOrders = true },
            "phase clock" => IdleDurable with { PhaseClockRunning = true },
            _ => IdleDurable with { OutcomeUnacknowledged = true },
        };

        Assert.True(busy.MustStayInMemory);
        Assert.Equal(Timeout.InfiniteTimeSpan, busy.DeactivationDelay);
    }

    [Fact]
    public void An_activation_of_an_account_never_opened_may_go_even_without_a_ledger()
    {
        var unknown = IdleDurable with { Opened = false, KeepsHistory = false, FollowsMarkets = true };

        Assert.False(unknown.MustStayInMemory);
    }
}
