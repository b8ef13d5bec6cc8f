namespace Crucible.Grains.Interfaces.Markets;

/// <summary>Names of the streams market data travels on; producers and subscribers must agree on them.</summary>
public static class MarketStreams
{
    /// <summary>The stream provider every Crucible host registers.</summary>
    public const string Provider = "crucible";

    /// <summary>Namespace of the per-symbol quote streams; the stream key is the symbol.</summary>
    public const string Quotes = "quotes";

    public static StreamId QuoteStream(string symbol) => StreamId.Create(Quotes, symbol);
}
