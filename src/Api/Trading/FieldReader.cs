using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Trading;

/// <summary>
/// Pulls typed fields out of a JSON object and collects one error per bad field. Numbers may be JSON numbers
/// or strings (as many trading clients send them); NaN, infinities, and numbers a decimal cannot hold exactly are
/// refused, never rounded. A null is an error on any field.
/// </summary>
public sealed class FieldReader(JsonObject body, string prefix = "")
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public string Path(string name) => prefix + name;

    public void Error(string name, string message) => Errors.TryAdd(Path(name), [message]);

    /// <summary>Whether the body names the field at all (a null counts: reading it reports the null).</summary>
    public bool Has(string name) => body.ContainsKey(name);

    public string? String(string name, int maxLength = 256)
    {
        if (!Take(name, out var node))
            return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (text.Length <= maxLength)
                return text;
            Error(name, $"must be at most {maxLength} characters.");
            return null;
        }
        Error(name, "must be a string.");
        return null;
    }

    public decimal? Decimal(string name)
    {
        if (!Take(name, out var node))
            return null;
        // The number's own text, not JsonElement.GetDecimal, which rounds what it cannot hold.
        var (text, styles) = node switch
        {
            JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number => (e.GetRawText(), NumberStyles.Float),
            JsonValue v when v.TryGetValue<string>(out var s) => (s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint),
            _ => (null, NumberStyles.None),
        };
        if (text is not null)
        {
            var outcome = DecimalText.TryParse(text, styles, out var number);
            if (outcome == DecimalText.Outcome.Exact)
                return number;
            if (outcome != DecimalText.Outcome.NotANumber)
            {
                Error(name, DecimalText.Describe(outcome));
                return null;
            }
        }
        Error(name, $"must be a decimal number, not {Describe(node)}.");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!Take(name, out var node))
            return null;
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
            return flag;
        Error(name, $"must be true or false, not {Describe(node)}.");
        return null;
    }

    /// <summary>An enum written in snake_case ("stop_limit", "gtc"); the message lists the accepted values.</summary>
    public TEnum? Enum<TEnum>(string name) where TEnum : struct, System.Enum
    {
        var text = String(name, 64);
        if (text is null)
            return null;
        foreach (var candidate in System.Enum.GetValues<TEnum>())
            if (string.Equals(SnakeCase(candidate.ToString()), text, StringComparison.Ordinal))
                return candidate;
        Error(name, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => SnakeCase(v.ToString())))}.");
        return null;
    }

    public JsonObject? Object(string name)
    {
        if (!Take(name, out var node))
            return null;
        if (node is JsonObject obj)
            return obj;
        Error(name, "must be an object.");
        return null;
    }

    /// <summary>Fields the reader never asked for: a typo must not be silently ignored on an order.</summary>
    public void RejectUnknownFields()
    {
        foreach (var (name, _) in body)
            if (!read.Contains(name))
                Error(name, "is not a field of this request.");
    }

    public void Merge(FieldReader nested)
    {
        foreach (var (key, value) in nested.Errors)
            Errors.TryAdd(key, value);
    }

    public static string SnakeCase(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);

    /// <summary>
    /// The field's value, if it has one. A JSON null is never a value (docs/trading.md "Request bodies"): it is an error,
    /// so a client that means "the default" leaves the field out, and one that sends null by mistake is told.
    /// </summary>
    private bool Take(string name, out JsonNode node)
    {
        read.Add(name);
        if (body.TryGetPropertyValue(name, out var found))
        {
            if (found is not null)
            {
                node = found;
                return true;
            }
            Error(name, "must not be null: give a value, or leave an optional field out for its default.");
        }
        node = null!;
        return false;
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string '{node.GetValue<string>()}'",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => node.ToJsonString(),
    };
}
