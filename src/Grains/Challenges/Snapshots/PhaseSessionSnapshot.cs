using Crucible.Grains.Challenges.News;

namespace Crucible.Grains.Challenges.Snapshots;

/// <summary>The session rules as time passed (<see cref="PhaseSession"/>): closes, flat periods, blackouts, held positions' stop deadlines.</summary>
public sealed record PhaseSessionSnapshot(
    IReadOnlyList<HeldPositionState> Held,
    IReadOnlyList<BlackoutFill> BlackoutFills,
    DateTimeOffset? NextClose,
    DateTimeOffset? NextBoundary,
    DateTimeOffset? FlatUntil,
    string FlatRule,
    bool FlattenPending,
    NewsEvent? Blackout,
    decimal? ScalingAllowance);

/// <summary>A symbol's position as the session rules follow it: its size, when it opened, its stop-loss deadline.</summary>
public sealed record HeldPositionState(string Symbol, decimal Quantity, DateTimeOffset OpenedAt, DateTimeOffset? Deadline, bool DeadlinePassed);
