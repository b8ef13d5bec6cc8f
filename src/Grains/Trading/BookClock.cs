namespace Crucible.Grains.Trading;

/// <summary>
/// The one clock an account's orders and fills are stamped by, which never goes back. Its inputs come from two
/// clocks: a command carries the engine's time when it is run, a quote the feed's time when it was produced, and the
/// stream delivers a quote a few milliseconds after the feed stamped it (docs/trading.md "Times"). Each stamp is the
/// later of the moment it happens and the latest stamp so far, so the fills and order updates of one account read in
/// time order. Only stamps go through here: an expiry or a calendar check still uses the real instant.
/// </summary>
internal sealed class BookClock
{
    /// <summary>The latest stamp so far; <see cref="DateTimeOffset.MinValue"/> before the first.</summary>
    public DateTimeOffset Latest { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The stamp of something happening at <paramref name="moment"/>: that moment, or the latest stamp when it is later.</summary>
    public DateTimeOffset Stamp(DateTimeOffset moment)
    {
        if (moment > Latest) Latest = moment;
        return Latest;
    }

    /// <summary>Takes a stamp from a journal (a rebuild), so that stamping goes on after it.</summary>
    public void Restore(DateTimeOffset stamped)
    {
        if (stamped > Latest) Latest = stamped;
    }
}
