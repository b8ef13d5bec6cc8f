using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Ticks an instrument's price model on a fixed wall-clock schedule: tick k is due at
/// start + k / <see cref="FeedSettings.TicksPerSecond"/> and is stamped with that scheduled time; each tick
/// advances the model by TimeScale / (TicksPerSecond × seconds per year) years. All randomness (path, trade
/// side, trade size) comes from one stream seeded by <see cref="FeedSettings.Seed"/>, so a seed replays exactly.
/// </summary>
public sealed class SimulatedTickSource : ITickSource
{
    // Upper bound for non-binary prices: far above anything sensible but inside decimal's range.
    private const decimal MaxPrice = 1_000_000_000_000m;

    private readonly InstrumentSpec _spec;
    private readonly FeedSettings _feed;
    private readonly DateTimeOffset _start;
    private readonly Random _rng;
    private readonly Random _depthRng;
    private readonly IPriceModel _model;
    private readonly SpreadModel _spread;
    private readonly TradingHours? _hours;
    private readonly double _dtYears;
    private readonly int _maxTicksPerPoll;
    private long _nextIndex;
    private bool _started;

    public SimulatedTickSource(InstrumentDefinition definition, DateTimeOffset start)
    {
        _spec = definition.Spec;
        _feed = definition.Feed;
        var symbol = definition.Symbol;
        if (!(_feed.TicksPerSecond > 0)) throw Invalid(symbol, "Feed.TicksPerSecond", "must be positive");
        if (!(_feed.Model.TimeScale > 0)) throw Invalid(symbol, "Feed.Model.TimeScale", "must be positive");
        if (_spec.TickSize <= 0) throw Invalid(symbol, "TickSize", "must be positive");
        if (_spec.LotSize <= 0) throw Invalid(symbol, "LotSize", "must be positive");
        if (_feed.InitialPrice <= 0) throw Invalid(symbol, "Feed.InitialPrice", "must be positive");
        if (_feed.TradeSize.MinLots < 1 || _feed.TradeSize.MaxLots < _feed.TradeSize.MinLots)
            throw Invalid(symbol, "Feed.TradeSize", "needs 1 ≤ MinLots ≤ MaxLots");

        _start = start;
        _rng = new MersenneTwister(_feed.Seed, threadSafe: false);
        // Displayed sizes come from their own stream so adding them did not change any seeded price path.
        _depthRng = new MersenneTwister(unchecked(_feed.Seed * 31 + 7), threadSafe: false);
        _model = PriceModelFactory.Create(definition, _rng);
        var isBinary = _spec.Kind == InstrumentKind.Prediction;
        _spread = new SpreadModel(_feed.Spread, _spec.TickSize, isBinary ? 1m - _spec.TickSize : MaxPrice);
        _hours = _feed.SimulateOutsideHours ? null : _spec.Hours;
        _dtYears = SimulatedTime.ToYears(_feed.Model.TimeScale / _feed.TicksPerSecond);
        // After a pause (silo busy, grain reactivated, market reopening) the missed schedule is skipped and at
        // most about a second of ticks is emitted: subscribers want the live price, not a burst of stale ones.
        _maxTicksPerPoll = (int)Math.Max(1, Math.Ceiling(_feed.TicksPerSecond));
    }

    public DateTimeOffset? NextDueTime => IsCompleted ? null : _started ? ScheduledTime(_nextIndex) : _start;

    public bool IsCompleted { get; private set; }

    /// <summary>The scheduled time of tick <paramref name="index"/>; index 0 is the initial quote.</summary>
    public DateTimeOffset ScheduledTime(long index) =>
        _start.AddTicks((long)Math.Round(index * (TimeSpan.TicksPerSecond / _feed.TicksPerSecond)));

    /// <remarks>
    /// The first call always returns the initial quote (at InitialPrice on the grid, size 0: a quote, not a
    /// trade), even when the market is closed, so the instrument has a price. While the market is closed
    /// scheduled ticks are dropped and the model does not move.
    /// </remarks>
    public IReadOnlyList<MarketTick> Poll(DateTimeOffset now)
    {
        if (IsCompleted) return [];
        var ticks = new List<MarketTick>();
        if (!_started)
        {
            _started = true;
            _nextIndex = 1;
            ticks.Add(InitialTick());
        }

        var lastDue = LastDueIndex(now);
        if (lastDue < _nextIndex) return ticks;
        if (lastDue - _nextIndex + 1 > _maxTicksPerPoll) _nextIndex = lastDue - _maxTicksPerPoll + 1;

        for (; _nextIndex <= lastDue; _nextIndex++)
        {
            var time = ScheduledTime(_nextIndex);
            if (!TradingCalendar.IsOpen(_hours, time)) continue;
            _model.Step(_dtYears);
            if (_model.Settlement is { } settlement)
            {
                var value = (decimal)settlement;
                ticks.Add(new MarketTick(time, value, value, value, 0m, value));
                IsCompleted = true;
                break;
            }
            ticks.Add(Trade(time));
        }

        return ticks;
    }

    private long LastDueIndex(DateTimeOffset now)
    {
        if (now < _start) return -1;
        var index = (long)Math.Floor((now - _start).TotalSeconds * _feed.TicksPerSecond);
        // Floating point may land one off the exact schedule; settle it against ScheduledTime itself.
        while (ScheduledTime(index + 1) <= now) index++;
        while (index > 0 && ScheduledTime(index) > now) index--;
        return index;
    }

    private MarketTick InitialTick()
    {
        var (bid, ask) = _spread.Quote(_model.Price, _model.CurrentVolatility, _model.LongRunVolatility);
        var last = Math.Clamp(PriceGrid.RoundToTick(_feed.InitialPrice, _spec.TickSize), bid, ask);
        return new MarketTick(_start, bid, ask, last, 0m);
    }

    private MarketTick Trade(DateTimeOffset time)
    {
        var (bid, ask) = _spread.Quote(_model.Price, _model.CurrentVolatility, _model.LongRunVolatility);
        var last = _rng.NextDouble() < 0.5 ? bid : ask;
        var lots = DiscreteUniform.Sample(_rng, _feed.TradeSize.MinLots, _feed.TradeSize.MaxLots);
        return new MarketTick(time, bid, ask, last, lots * _spec.LotSize, BidSize: DisplayedSize(), AskSize: DisplayedSize());
    }

    /// <summary>Size shown at the touch: between one and five typical trades.</summary>
    private decimal DisplayedSize()
    {
        var lots = DiscreteUniform.Sample(_depthRng, _feed.TradeSize.MinLots, _feed.TradeSize.MaxLots * 5);
        return lots * _spec.LotSize;
    }

    private static ArgumentException Invalid(string symbol, string field, string problem) =>
        new($"Instrument '{symbol}': {field} {problem}.", "definition");
}
