using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Trading.Bands;

/// <summary>
/// An account's quiet region of the market (docs/scale.md "Price band"): for each symbol it may skip, the prices inside
/// which a quote changes nothing but the marks, until <see cref="ValidUntil"/>. A quote of a symbol not listed, at or
/// after that instant, or outside its symbol's band, must reach the account; quotes inside are parked, latest wins.
/// </summary>
/// <remarks>
/// Built from the account as it stands after an operation: for a phase, the equity range its rules call quiet
/// (<see cref="EquityBand"/>), and the room on each side split evenly between the symbols held without working orders,
/// so that however those symbols move together inside their bands, equity stays inside its range: a breach cannot hide
/// between two symbols. Each symbol's share keeps two cents back for the cent rounding of its unrealized P&amp;L. Symbols
/// with working orders are never quiet (any quote may trigger, trail or fill them).
/// </remarks>
public sealed class MarketBand
{
    /// <summary>Money kept back from each symbol's share of the room: unrealized P&amp;L is rounded to the cent per position.</summary>
    public const decimal RoundingMargin = 0.02m;

    // Beyond this, a price edge is as good as none (and computing it could leave decimal's range).
    private const decimal NoEdge = 1e18m;

    /// <summary>Nothing is quiet: every quote reaches the account.</summary>
    public static readonly MarketBand Closed = new(new Dictionary<string, PriceBand>(), DateTimeOffset.MinValue);

    private readonly Dictionary<string, PriceBand> symbols;

    private MarketBand(Dictionary<string, PriceBand> symbols, DateTimeOffset validUntil)
    {
        this.symbols = symbols;
        ValidUntil = validUntil;
    }

    public IReadOnlyDictionary<string, PriceBand> Symbols => symbols;

    public DateTimeOffset ValidUntil { get; }

    public bool Admits(Quote quote) =>
        quote.Time < ValidUntil && symbols.TryGetValue(quote.Symbol, out var band) && band.Admits(quote);

    /// <summary>
    /// The band of <paramref name="book"/> as it stands, for a phase whose quiet equity range is <paramref name="equity"/>
    /// (<see cref="EquityBand.Unbounded"/> for a paper account) until <paramref name="validUntil"/>.
    /// </summary>
    public static MarketBand Of(TradingBook book, EquityBand equity, DateTimeOffset validUntil)
    {
        ArgumentNullException.ThrowIfNull(book);
        var working = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in book.WorkingOrders)
        {
            working.Add(order.Symbol);
            // A day order expires on the first quote at or after its expiry (or the expiry clock): such a quote is judged.
            if (order.ExpiresAt is { } expiry && expiry < validUntil) validUntil = expiry;
        }
        var (_, current, _) = book.Numbers();
        if (equity.IsEmpty || !equity.Contains(current)) return Closed;

        var quiet = new List<(string Symbol, decimal Quantity, decimal Multiplier, Quote Quote)>();
        foreach (var position in book.Positions)
            if (position.Quantity != 0m && !working.Contains(position.Symbol) && book.Quotes.TryGetValue(position.Symbol, out var quote))
                quiet.Add((position.Symbol, position.Quantity, position.Multiplier, quote));
        if (quiet.Count == 0) return new MarketBand([], validUntil);

        var down = Share(equity.Low == decimal.MinValue ? null : current - equity.Low, quiet.Count);
        var up = Share(equity.High == decimal.MaxValue ? null : equity.High - current, quiet.Count);
        var bands = new Dictionary<string, PriceBand>(quiet.Count, StringComparer.Ordinal);
        foreach (var (symbol, quantity, multiplier, quote) in quiet)
        {
            var exposure = Math.Abs(quantity) * multiplier;
            // A long is marked at the bid: it loses as the bid falls. A short is marked at the ask: it loses as the ask rises.
            bands[symbol] = quantity > 0m
                ? PriceBand.Unbounded with { BidLow = Below(quote.Bid, down, exposure), BidHigh = Above(quote.Bid, up, exposure) }
                : PriceBand.Unbounded with { AskLow = Below(quote.Ask, up, exposure), AskHigh = Above(quote.Ask, down, exposure) };
        }
        return new MarketBand(bands, validUntil);
    }

    /// <summary>Each symbol's room in money: an even share less the rounding margin, never below zero; null for no edge.</summary>
    private static decimal? Share(decimal? room, int symbols) =>
        room is { } r ? Math.Max(0m, r / symbols - RoundingMargin) : null;

    private static decimal Below(decimal price, decimal? room, decimal exposure) =>
        room is { } r && r / exposure is var move && move < NoEdge ? price - move : decimal.MinValue;

    private static decimal Above(decimal price, decimal? room, decimal exposure) =>
        room is { } r && r / exposure is var move && move < NoEdge ? price + move : decimal.MaxValue;
}
