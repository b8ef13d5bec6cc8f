using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Markets.Replay;

/// <summary>
/// Replays recorded ticks. At <c>speed</c> s &gt; 0 record i is due once (now − start)·s ≥ tᵢ − t₀; at speed 0
/// every poll returns the next batch at once, as fast as the feed polls. A replayed tick is stamped on the
/// engine clock, like a simulated one: at speed s &gt; 0 with the time it is due, start + (tᵢ − t₀)/s, the moment
/// the feed's timer is armed for; at full speed with the poll's time. The time it was recorded at is kept in
/// <c>RecordedAt</c>. So everything downstream (fills, day expiry, rules, bars) runs on engine time, not on a
/// recording's date months ago, and bars at 1× keep the recording's shape. With <c>loop</c> the file starts again
/// after its span plus one typical interval; without it the source completes after the last record.
/// </summary>
public sealed class ReplayTickSource : ITickSource
{
    public const int DefaultBatchSize = 1_000;

    private readonly IReadOnlyList<MarketTick> _records;
    private readonly DateTimeOffset _start;
    private readonly double _speed;
    private readonly bool _loop;
    private readonly int _batchSize;
    private readonly TimeSpan _cycleLength;
    private int _index;
    private int _cycle;

    public ReplayTickSource(IReadOnlyList<MarketTick> records, DateTimeOffset start, double speed, bool loop,
        int batchSize = DefaultBatchSize)
    {
        if (records.Count == 0) throw new ArgumentException("A replay needs at least one record.", nameof(records));
        if (!(speed >= 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "Must be 0 (full speed) or positive.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be positive.");
        _records = records;
        _start = start;
        _speed = speed;
        _loop = loop;
        _batchSize = batchSize;
        var span = records[^1].Time - records[0].Time;
        // The mean gap stands in for "one typical interval"; a single record or a zero span loops once a second.
        var typicalInterval = records.Count > 1 && span > TimeSpan.Zero ? span / (records.Count - 1) : TimeSpan.FromSeconds(1);
        _cycleLength = span + typicalInterval;
    }

    /// <summary>At full speed the next batch is always due; otherwise when the next record's scaled offset is reached.</summary>
    public DateTimeOffset? NextDueTime => IsCompleted ? null
        : _speed == 0 ? DateTimeOffset.MinValue
        : _start + (_records[_index].Time - _records[0].Time + _cycleLength * _cycle) / _speed;

    public bool IsCompleted { get; private set; }

    /// <remarks>Returns at most the batch size per call, at any speed, so a long pause cannot produce a burst.</remarks>
    public IReadOnlyList<MarketTick> Poll(DateTimeOffset now)
    {
        var ticks = new List<MarketTick>();
        var elapsed = (now - _start) * _speed;
        while (!IsCompleted && ticks.Count < _batchSize)
        {
            var record = _records[_index];
            var shift = _cycleLength * _cycle;
            var offset = record.Time - _records[0].Time + shift;
            if (_speed > 0 && elapsed < offset) break;
            // Never after the poll: a due time computed in floating point may land a tick past it.
            var due = _speed > 0 ? _start + offset / _speed : now;
            ticks.Add(record with { Time = due < now ? due : now, RecordedAt = record.Time });
            if (++_index < _records.Count) continue;
            if (_loop) (_index, _cycle) = (0, _cycle + 1);
            else IsCompleted = true;
        }
        return ticks;
    }
}
