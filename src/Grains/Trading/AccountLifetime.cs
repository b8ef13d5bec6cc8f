namespace Crucible.Grains.Trading;

/// <summary>
/// Whether an account activation must stay in memory, from what it is doing now (issue 12 "Memory": idle accounts
/// leave so a million registered ones fit). An account that follows no market, works no order and runs no phase clock
/// has nothing to do until someone calls it; with a ledger that keeps its history it may go after
/// <see cref="IdleMinutes"/> without calls and is rebuilt from the ledger on the next call (docs/durability.md
/// "Rebuild"). Everything else stays: with no history (embedded mode's <c>NullLedger</c>) the book exists only in
/// memory, a follower must meet every tick (the dispatcher feeds only live activations), a working order must meet its
/// expiry, a running phase its daily reset and deadline, and an outcome its acknowledgement.
/// </summary>
/// <param name="Opened">the account exists (an activation for an unknown id holds nothing)</param>
/// <param name="KeepsHistory">the ledger keeps what is appended (<c>ILedger.KeepsHistory</c>)</param>
/// <param name="FollowsMarkets">it holds or works a symbol (<c>TradingBook.WatchedSymbols</c> is not empty)</param>
/// <param name="WorkingOrders">it has working orders (their expiry timer runs)</param>
/// <param name="PhaseClockRunning">an assessment phase is running its clock (daily resets, deadline)</param>
/// <param name="OutcomeUnacknowledged">a phase outcome waits for the assessment's acknowledgement</param>
public readonly record struct AccountLifetime(
    bool Opened, bool KeepsHistory, bool FollowsMarkets, bool WorkingOrders, bool PhaseClockRunning, bool OutcomeUnacknowledged)
{
    /// <summary>Minutes without a call after which the activation collector may take an account that may go.</summary>
    public const int IdleMinutes = 10;

    public bool MustStayInMemory =>
        Opened && (!KeepsHistory || FollowsMarkets || WorkingOrders || PhaseClockRunning || OutcomeUnacknowledged);

    /// <summary>
    /// The argument for <c>Grain.DelayDeactivation</c>: <see cref="Timeout.InfiniteTimeSpan"/> keeps the activation until
    /// told otherwise; <see cref="TimeSpan.Zero"/> cancels that and leaves it to the collector's idle age.
    /// </summary>
    public TimeSpan DeactivationDelay => MustStayInMemory ? Timeout.InfiniteTimeSpan : TimeSpan.Zero;
}
