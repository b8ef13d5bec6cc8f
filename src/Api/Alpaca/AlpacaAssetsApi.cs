using System.Globalization;
using Crucible.Api.Markets;

namespace Crucible.Api.Alpaca;

/// <summary>Alpaca's assets (our instrument catalog), clock and calendar.</summary>
public static class AlpacaAssetsApi
{
    private static readonly string[] Classes = ["us_equity", "crypto", "future", "fx", "prediction"];

    public static RouteGroupBuilder MapAlpacaAssetsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/assets", ListAsync).WithName("AlpacaListAssets").WithSummary("Alpaca: the instruments. status active|inactive, asset_class.");
        v2.MapGet("/assets/{symbol}", GetAsync).WithName("AlpacaGetAsset");
        v2.MapGet("/clock", ClockAsync).WithName("AlpacaClock");
        v2.MapGet("/calendar", CalendarAsync).WithName("AlpacaCalendar").WithSummary("Alpaca: sessions from start to end (YYYY-MM-DD; today and 30 days on by default).");
        return v2;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InstrumentDirectory directory)
    {
        var status = http.Request.Query["status"].ToString();
        var assetClass = http.Request.Query["asset_class"].ToString();
        if (status is not ("" or "active" or "inactive")) return AlpacaErrors.Invalid("status", "must be active or inactive.");
        if (assetClass.Length > 0 && !Classes.Contains(assetClass)) return AlpacaErrors.Invalid("asset_class", $"must be one of: {string.Join(", ", Classes)}.");
        // Every instrument of the catalog trades: none is inactive.
        var assets = status == "inactive" ? [] : (await directory.GetAllAsync()).Select(AlpacaViews.Asset)
            .Where(a => assetClass.Length == 0 || a.Class == assetClass).ToList();
        return AlpacaJson.Ok(assets);
    }

    private static async Task<IResult> GetAsync(string symbol, AlpacaSymbols symbols) =>
        await symbols.FindAsync(Uri.UnescapeDataString(symbol)) is { } spec
            ? AlpacaJson.Ok(AlpacaViews.Asset(spec))
            : AlpacaErrors.NotFound("asset not found");

    private static async Task<IResult> ClockAsync(InstrumentDirectory directory, TimeProvider time) =>
        AlpacaJson.Ok(AlpacaClock.At(AlpacaClock.HoursOf(await directory.GetAllAsync()), time.GetUtcNow()));

    private static async Task<IResult> CalendarAsync(HttpContext http, InstrumentDirectory directory, TimeProvider time)
    {
        var hours = AlpacaClock.HoursOf(await directory.GetAllAsync());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone)).DateTime);
        if (!TryDate(http.Request.Query["start"], today, out var start)) return AlpacaErrors.Invalid("start", "must be a date, YYYY-MM-DD.");
        if (!TryDate(http.Request.Query["end"], start.AddDays(30), out var end)) return AlpacaErrors.Invalid("end", "must be a date, YYYY-MM-DD.");
        if (end < start) return AlpacaErrors.Invalid("end", "must not be before start.");
        if (end.DayNumber - start.DayNumber > 3660) return AlpacaErrors.Invalid("end", "must be within ten years of start.");
        return AlpacaJson.Ok(AlpacaClock.Calendar(hours, start, end).ToList());
    }

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues value, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        var text = value.ToString();
        // Alpaca also takes a full RFC 3339 time here; its date part is what counts.
        return text.Length == 0 || DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
