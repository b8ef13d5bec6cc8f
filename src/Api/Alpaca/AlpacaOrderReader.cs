using System.Text.Json.Nodes;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Reads Alpaca's order bodies by renaming their fields into ours and handing them to <see cref="OrderRequestReader"/>:
/// one reader, one set of checks, whichever surface an order comes from. Only what differs is handled here: a
/// <c>notional</c> has already been sized into <c>qty</c> (<see cref="AlpacaNotional"/>); <c>extended_hours</c> is taken
/// on a day limit order, as Alpaca allows it, and means nothing more (our sessions have no pre- or post-market).
/// <c>opg</c> and <c>cls</c> are the book's own times in force (docs/trading.md), refused by it where they mean nothing.
/// </summary>
public static class AlpacaOrderReader
{
    /// <summary>Sent and accepted, but with nothing to do in a simulator that has no extended sessions or intents.</summary>
    private static readonly string[] Ignored = ["position_intent"];

    public static (OrderRequest? Request, Dictionary<string, string[]> Errors) Read(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var ours = new JsonObject();
        foreach (var (name, value) in body)
        {
            switch (name)
            {
                case "notional":
                    if (value is not null) errors["notional"] = ["send qty or notional, not both."];
                    continue;
                case "extended_hours":
                    if (value is null || value is JsonValue v && v.TryGetValue<bool>(out var extended) && !extended) continue;
                    if (value is not JsonValue b || !b.TryGetValue<bool>(out _))
                        errors["extended_hours"] = ["must be true or false."];
                    else if (Text(body, "type") != "limit" || Text(body, "time_in_force") != "day")
                        errors["extended_hours"] = ["extended hours orders must be DAY limit orders."];
                    continue;
                case "order_class" when value is JsonValue c && c.TryGetValue<string>(out var cls) && cls is "":
                    continue;
                case "take_profit" or "stop_loss" when value is JsonObject leg:
                    ours[AlpacaFields.ToOurs(name)] = Rename(leg);
                    continue;
            }
            if (Array.IndexOf(Ignored, name) >= 0 || value is null && name is "limit_price" or "stop_price" or "trail_price" or "trail_percent" or "client_order_id"
                or "take_profit" or "stop_loss" or "order_class")
                continue;
            ours[AlpacaFields.ToOurs(name)] = value?.DeepClone();
        }
        if (!body.ContainsKey("qty") && !body.ContainsKey("notional"))
            errors["qty"] = ["qty is required."];
        var (request, readErrors) = OrderRequestReader.Read(ours);
        foreach (var (field, messages) in readErrors)
            if (field != "quantity" || !errors.ContainsKey("qty"))
                errors.TryAdd(AlpacaFields.ToAlpaca(field), [.. messages.Select(AlpacaFields.Rename)]);
        return errors.Count > 0 ? (null, errors) : (request, errors);
    }

    /// <summary>PATCH takes qty, limit_price, stop_price, trail (Alpaca's name for a trailing stop's new trail) and time_in_force.</summary>
    public static (ReplaceRequest? Request, Dictionary<string, string[]> Errors) ReadReplace(JsonObject body)
    {
        var ours = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (name == "client_order_id" || value is null) continue;
            ours[name == "trail" ? "trailAmount" : AlpacaFields.ToOurs(name)] = value.DeepClone();
        }
        var (request, errors) = OrderRequestReader.ReadReplace(ours);
        return (request, errors.ToDictionary(e => AlpacaFields.ToAlpaca(e.Key), e => e.Value.Select(AlpacaFields.Rename).ToArray()));
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Rename(JsonObject leg)
    {
        var renamed = new JsonObject();
        foreach (var (name, value) in leg)
            renamed[AlpacaFields.ToOurs(name)] = value?.DeepClone();
        return renamed;
    }
}
