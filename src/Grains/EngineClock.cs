namespace Crucible.Grains;

/// <summary>
/// The engine's clock is a keyed <see cref="TimeProvider"/>, separate from the one Orleans itself runs on, so a
/// test can move trading time (sessions, day orders) without freezing the silo's own timers and timeouts.
/// </summary>
public static class EngineClock
{
    public const string Key = "crucible.engine-clock";
}
