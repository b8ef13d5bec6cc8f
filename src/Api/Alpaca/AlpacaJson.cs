using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crucible.Api.Alpaca;

/// <summary>
/// How the Alpaca surface writes JSON: snake_case names, nulls written out (Alpaca's bodies carry <c>"filled_at": null</c>),
/// money and quantities as strings (<see cref="Number"/>), times in RFC 3339 UTC.
/// </summary>
public static class AlpacaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IResult Ok(object? value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);

    /// <summary>A decimal as Alpaca writes numbers: a string, no exponent, no trailing zeros past the point.</summary>
    public static string Number(decimal value)
    {
        var text = (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    public static string? Number(decimal? value) => value is { } v ? Number(v) : null;

    /// <summary>RFC 3339 in UTC with sub-second digits, as Alpaca's order times read ("2021-03-16T18:38:01.942282Z").</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;
}
