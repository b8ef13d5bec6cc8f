using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Feeds;

/// <summary>
/// OHLCV bars of one interval in a bounded ring: the newest <c>capacity</c> bars are kept, older ones
/// fall off. A tick belongs to the bar whose [start, start + interval) holds its time; a tick older than
/// the forming bar (a late print) is folded into the forming bar rather than rewriting closed history.
/// </summary>
public sealed class BarSeries(BarInterval interval, int capacity)
{
    private readonly Bar[] ring = new Bar[capacity];
    private int count;
    private int next;

    public BarInterval Interval { get; } = interval;

    public int Count => count;

    public static TimeSpan LengthOf(BarInterval interval) => interval switch
    {
        BarInterval.OneSecond => TimeSpan.FromSeconds(1),
        BarInterval.OneMinute => TimeSpan.FromMinutes(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public void Add(DateTimeOffset time, decimal price, decimal size)
    {
        var start = BucketStart(time);
        if (count > 0)
        {
            var lastIndex = (next - 1 + ring.Length) % ring.Length;
            var forming = ring[lastIndex];
            if (start <= forming.Start)
            {
                ring[lastIndex] = forming with
                {
                    High = Math.Max(forming.High, price),
                    Low = Math.Min(forming.Low, price),
                    Close = price,
                    Volume = forming.Volume + size,
                    TickCount = forming.TickCount + 1,
                };
                return;
            }
        }
        ring[next] = new Bar(start, Interval, price, price, price, price, size, 1);
        next = (next + 1) % ring.Length;
        count = Math.Min(count + 1, ring.Length);
    }

    /// <summary>The newest <paramref name="limit"/> bars, oldest first.</summary>
    public IReadOnlyList<Bar> Latest(int limit)
    {
        var take = Math.Clamp(limit, 0, count);
        var result = new Bar[take];
        for (var i = 0; i < take; i++)
            result[i] = ring[(next - take + i + ring.Length) % ring.Length];
        return result;
    }

    private DateTimeOffset BucketStart(DateTimeOffset time)
    {
        var ticks = LengthOf(Interval).Ticks;
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - utc % ticks, TimeSpan.Zero);
    }
}
