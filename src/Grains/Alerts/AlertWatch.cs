using Crucible.Grains.Interfaces.Alerts;

namespace Crucible.Grains.Alerts;

/// <summary>
/// An alert as its grain stores it: the alert, the side of the level its last seen quote was on (for a cross), and that
/// quote's sequence. Stored when the side changes or the alert fires, not on every quote; a quote seen again after a
/// restart (its sequence at or below <see cref="Seen"/>) is not evaluated twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AlertWatch")]
public sealed record AlertWatch(
    [property: Id(0)] PriceAlert Alert,
    [property: Id(1)] int? Side,
    [property: Id(2)] long Seen);
