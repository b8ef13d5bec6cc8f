using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Api.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's <c>notional</c> orders (a dollar amount instead of a quantity): market orders, time in force day, simple, as
/// Alpaca allows them. Crucible's book trades quantities, so the amount becomes one before the order is read: at the
/// touch the order would meet now (the ask for a buy, the bid for a sell), rounded <b>down</b> to the instrument's lot, so
/// the order never buys more than the amount at that price (slippage aside). An amount below one lot is refused. The amount
/// goes on to the order (<see cref="Crucible.Grains.Interfaces.Trading.OrderRequest.Notional"/>), which shows it back as
/// Alpaca does.
/// </summary>
public static class AlpacaNotional
{
    /// <summary>Beyond any account: keeps the division inside decimal's range.</summary>
    private const decimal MaxNotional = 1_000_000_000_000m;

    /// <summary>Whole lots of <paramref name="lot"/> that <paramref name="notional"/> pays for at <paramref name="price"/> × <paramref name="multiplier"/>.</summary>
    public static decimal Quantity(decimal notional, decimal price, decimal multiplier, decimal lot) =>
        Math.Floor(notional / (price * multiplier * lot)) * lot;

    /// <summary>
    /// The body with <c>notional</c> turned into <c>qty</c> and the amount, or the refusal (field, message). A body without a
    /// notional is returned as it is, with no amount.
    /// </summary>
    public static async Task<(JsonObject? Body, decimal? Notional, string? Field, string? Error)> SizeAsync(JsonObject body, InstrumentSpec? spec, IClusterClient cluster)
    {
        if (body["notional"] is not { } node) return (body, null, null, null);
        // The shared number reader: a value decimal cannot hold exactly is refused, not rounded.
        var reader = new FieldReader(new JsonObject { ["notional"] = node.DeepClone() });
        if (reader.Decimal("notional") is not { } notional)
            return (null, null, "notional", string.Join(" ", reader.Errors.GetValueOrDefault("notional") ?? ["must be a decimal number."]));
        if (notional <= 0m || notional > MaxNotional)
            return (null, null, "notional", "must be a positive amount of money (at most 1000000000000).");
        if (body["qty"] is not null) return (null, null, "notional", "send qty or notional, not both.");
        if (Text(body, "type") is null) return (null, null, "type", "is required: notional orders are market orders.");
        if (Text(body, "type") != "market") return (null, null, "notional", "notional orders must be market orders.");
        if (Text(body, "time_in_force") is null) return (null, null, "time_in_force", "is required: notional orders are day orders.");
        if (Text(body, "time_in_force") != "day") return (null, null, "notional", "notional orders must have time_in_force day.");
        if (Text(body, "order_class") is not (null or "" or "simple")) return (null, null, "notional", "notional orders must be simple orders.");
        if (spec is null) return (null, null, "symbol", $"'{Text(body, "symbol")}' is not in the catalog.");
        var side = Text(body, "side");
        if (side is not ("buy" or "sell")) return (null, null, "side", "must be buy or sell.");
        if (await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetQuoteAsync() is not { } quote)
            return (null, null, "notional", $"{spec.Symbol} has no quote yet to size the order by.");
        var price = side == "buy" ? quote.Ask : quote.Bid;
        var quantity = Quantity(notional, price, spec.Multiplier, spec.LotSize);
        if (quantity <= 0m)
            return (null, null, "notional", $"{AlpacaJson.Number(notional)} is less than one lot ({AlpacaJson.Number(spec.LotSize)}) of {spec.Symbol} at {AlpacaJson.Number(price)}.");
        var sized = body.DeepClone().AsObject();
        sized.Remove("notional");
        sized["qty"] = AlpacaJson.Number(quantity);
        return (sized, notional, null, null);
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
