using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Replay;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>Builds the tick source an instrument's <see cref="FeedSettings.Source"/> asks for.</summary>
public static class TickSourceFactory
{
    /// <param name="catalogDirectory">Directory of the catalog file; relative replay paths resolve against it.</param>
    /// <returns>The source, or null for <c>external</c> (ticks arrive only through the feed's IngestAsync).</returns>
    /// <exception cref="ArgumentException">An unknown source, format or model type, or invalid settings; the message names symbol and field.</exception>
    /// <exception cref="FileNotFoundException">The replay file does not exist.</exception>
    /// <exception cref="ReplayFormatException">The replay file is malformed.</exception>
    public static ITickSource? Create(InstrumentDefinition definition, string catalogDirectory, DateTimeOffset start)
    {
        var feed = definition.Feed;
        return feed.Source.Trim().ToLowerInvariant() switch
        {
            "simulated" => new SimulatedTickSource(definition, start),
            "replay" => CreateReplay(definition, catalogDirectory, start),
            "external" => null,
            _ => throw new ArgumentException(
                $"Instrument '{definition.Symbol}': unknown Feed.Source '{feed.Source}' (expected simulated, replay or external).",
                nameof(definition)),
        };
    }

    private static ReplayTickSource CreateReplay(InstrumentDefinition definition, string catalogDirectory, DateTimeOffset start)
    {
        var symbol = definition.Symbol;
        var replay = definition.Feed.Replay
            ?? throw new ArgumentException($"Instrument '{symbol}': Feed.Replay is required when Feed.Source is 'replay'.", nameof(definition));
        if (string.IsNullOrWhiteSpace(replay.Path))
            throw new ArgumentException($"Instrument '{symbol}': Feed.Replay.Path is empty.", nameof(definition));
        if (!(replay.Speed >= 0) || double.IsInfinity(replay.Speed))
            throw new ArgumentException($"Instrument '{symbol}': Feed.Replay.Speed must be 0 (full speed) or positive, not {replay.Speed}.", nameof(definition));

        var path = Path.IsPathRooted(replay.Path) ? replay.Path : Path.Combine(catalogDirectory, replay.Path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Instrument '{symbol}': Feed.Replay.Path '{path}' does not exist.", path);
        var tickSize = definition.Spec.TickSize;
        var records = replay.Format.Trim().ToLowerInvariant() switch
        {
            "ticks" => TickCsvReader.Read(path, tickSize),
            "bars" => BarCsvReader.Read(path, tickSize, replay.SpreadTicks),
            _ => throw new ArgumentException(
                $"Instrument '{symbol}': unknown Feed.Replay.Format '{replay.Format}' (expected ticks or bars).", nameof(definition)),
        };
        if (records.Count == 0) throw new ArgumentException($"Instrument '{symbol}': Feed.Replay.Path '{path}' has no records.", nameof(definition));
        return new ReplayTickSource(records, start, replay.Speed, replay.Loop);
    }
}
