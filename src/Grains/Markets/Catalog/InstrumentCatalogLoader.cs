using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Catalog;

/// <summary>
/// Reads the catalog file and refuses it whole when any instrument is unusable, listing every problem:
/// a half-loaded catalog would quietly drop instruments that traders expect.
/// </summary>
public static partial class InstrumentCatalogLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static InstrumentCatalog Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new InvalidCatalogException(fullPath, ["the file does not exist"]);

        CatalogFile? file;
        try
        {
            using var stream = File.OpenRead(fullPath);
            file = JsonSerializer.Deserialize<CatalogFile>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidCatalogException(fullPath, [$"malformed JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}"]);
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        var problems = new List<string>();
        var instruments = new List<InstrumentDefinition>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < (file?.Instruments.Count ?? 0); index++)
        {
            var entry = file!.Instruments[index];
            var where = entry.Symbol is { Length: > 0 } s ? s : $"instruments[{index}]";
            var before = problems.Count;
            Validate(entry, where, directory, problems);
            if (entry.Symbol is { Length: > 0 } && !seen.Add(entry.Symbol))
                problems.Add($"{where}: symbol is listed twice");
            if (problems.Count == before)
                instruments.Add(ToDefinition(entry));
        }
        if (instruments.Count == 0 && problems.Count == 0)
            problems.Add("no instruments are defined");
        if (problems.Count > 0)
            throw new InvalidCatalogException(fullPath, problems);
        return new InstrumentCatalog(instruments, directory);
    }

    private static void Validate(CatalogEntry e, string where, string directory, List<string> problems)
    {
        void Problem(string field, string message) => problems.Add($"{where}: {field} {message}");

        if (e.Symbol is null || !SymbolPattern().IsMatch(e.Symbol))
            Problem("symbol", "must be 1–32 characters of A–Z, 0–9, '.', '-' or '_'");
        if (e.Kind is null)
            Problem("kind", "is required (crypto, equity, future, fx or prediction)");
        if (e.TickSize <= 0)
            Problem("tickSize", "must be positive");
        if (e.LotSize <= 0)
            Problem("lotSize", "must be positive");
        if (e.Multiplier <= 0)
            Problem("multiplier", "must be positive");
        if (e.Micro && e.Kind is not (null or InstrumentKind.Future))
            Problem("micro", "is only for futures");
        if (e.Hours is { } hours)
            ValidateHours(hours, Problem);
        if (e.Limits is { } limits)
        {
            if (limits.MaxQuantity is <= 0)
                Problem("limits.maxQuantity", "must be positive");
            if (limits.MaxNotional is <= 0 or > InstrumentLimits.DefaultMaxNotional * 1_000m)
                Problem("limits.maxNotional", $"must be positive and at most {InstrumentLimits.DefaultMaxNotional * 1_000m}");
            if (limits.PriceBand is <= 1)
                Problem("limits.priceBand", "must be above 1 (a factor around the latest quote)");
        }

        var feed = e.Feed;
        switch (feed.Source)
        {
            case "simulated":
                if (feed.TicksPerSecond is <= 0 or > 1000 || double.IsNaN(feed.TicksPerSecond))
                    Problem("feed.ticksPerSecond", "must be in (0, 1000]");
                if (feed.InitialPrice <= 0)
                    Problem("feed.initialPrice", "must be positive");
                else if (e.TickSize > 0 && feed.InitialPrice % e.TickSize != 0)
                    Problem("feed.initialPrice", $"must be a multiple of the tick size {e.TickSize}");
                if (e.Kind == InstrumentKind.Prediction && feed.InitialPrice >= 1)
                    Problem("feed.initialPrice", "of a prediction contract must be below 1");
                // A prediction contract's volatility is of log-odds, which legitimately runs far above a price's.
                var maxVolatility = feed.Model.Type == "prediction" ? 200 : 10;
                if (feed.Model.Volatility < 0 || feed.Model.Volatility > maxVolatility || double.IsNaN(feed.Model.Volatility))
                    Problem("feed.model.volatility", $"must be in [0, {maxVolatility}]");
                if (feed.Model.TimeScale is <= 0 || double.IsNaN(feed.Model.TimeScale))
                    Problem("feed.model.timeScale", "must be positive");
                if (feed.Model.Type is not ("gbm" or "mean-reversion" or "prediction"))
                    Problem("feed.model.type", "must be gbm, mean-reversion or prediction");
                if (feed.Model.Type == "prediction" && feed.Model.Prediction is null)
                    Problem("feed.model.prediction", "is required for a prediction model");
                if (feed.Model.Type == "mean-reversion" && feed.Model.MeanReversion is null)
                    Problem("feed.model.meanReversion", "is required for a mean-reversion model");
                if (feed.Model.Garch is { } g && (g.Alpha < 0 || g.Beta < 0 || g.Alpha + g.Beta >= 1))
                    Problem("feed.model.garch", "needs alpha, beta ≥ 0 and alpha + beta < 1");
                if (feed.TradeSize.MinLots < 1 || feed.TradeSize.MaxLots < feed.TradeSize.MinLots)
                    Problem("feed.tradeSize", "needs 1 ≤ minLots ≤ maxLots");
                break;
            case "replay":
                if (feed.Replay is not { } replay || string.IsNullOrWhiteSpace(replay.Path))
                    Problem("feed.replay.path", "is required for a replay feed");
                else
                {
                    if (!File.Exists(Path.Combine(directory, replay.Path)))
                        Problem("feed.replay.path", $"'{replay.Path}' does not exist");
                    if (replay.Format is not ("ticks" or "bars"))
                        Problem("feed.replay.format", "must be ticks or bars");
                    if (replay.Speed < 0 || double.IsNaN(replay.Speed))
                        Problem("feed.replay.speed", "must be 0 (full speed) or positive");
                }
                break;
            case "external":
                break;
            default:
                Problem("feed.source", "must be simulated, replay or external");
                break;
        }
    }

    private static void ValidateHours(CatalogHours hours, Action<string, string> problem)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone ?? "");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problem("hours.timeZone", $"'{hours.TimeZone}' is not a known IANA time zone");
        }
        if (!TryParseTime(hours.Open, out _))
            problem("hours.open", "must be a time of day such as 09:30");
        if (!TryParseTime(hours.Close, out _))
            problem("hours.close", "must be a time of day such as 16:00");
        if (hours.Days.Count == 0)
            problem("hours.days", "must list at least one day");
    }

    private static InstrumentDefinition ToDefinition(CatalogEntry e)
    {
        TradingHours? hours = e.Hours is { } h
            ? new TradingHours(h.TimeZone!, Time(h.Open), Time(h.Close), [.. h.Days.Distinct()])
            : null;
        var defaults = InstrumentLimits.DefaultFor(e.Kind!.Value);
        InstrumentLimits? limits = e.Limits is { } l
            ? new InstrumentLimits(l.MaxQuantity ?? defaults.MaxQuantity, l.MaxNotional ?? defaults.MaxNotional, l.PriceBand ?? defaults.PriceBand)
            : null;
        var spec = new InstrumentSpec(
            e.Symbol!, e.Name ?? e.Symbol!, e.Kind!.Value, e.QuoteCurrency, e.TickSize, e.LotSize, e.Multiplier, hours, e.Micro, limits);
        return new InstrumentDefinition(spec, e.Feed);

        static TimeOnly Time(string? text) => TryParseTime(text, out var t) ? t : default;
    }

    private static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex SymbolPattern();
}
