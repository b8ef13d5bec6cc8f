namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// An engine clock the test sets to each event's time. Unlike a FakeTimeProvider it may go back: the agreement test
/// runs a thousand sessions one after another, each in its own weeks of 2026, on one silo.
/// </summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    private long ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref ticks, now.UtcTicks);
}
