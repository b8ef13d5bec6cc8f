using System.Globalization;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crucible.Api.Markets;

/// <summary>Market data over REST: the catalog with live quotes, one instrument, and its recent bars.</summary>
public static class InstrumentsApi
{
    public const int MaxBars = 1_000;
    private const int DefaultBars = 100;

    private static readonly Dictionary<string, BarInterval> Intervals = new(StringComparer.Ordinal)
    {
        ["1s"] = BarInterval.OneSecond,
        ["1m"] = BarInterval.OneMinute,
    };

    public static IEndpointRouteBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instruments").WithTags("Instruments");
        group.MapGet("/", ListAsync).WithName("ListInstruments").WithSummary("All instruments with their latest quotes.");
        group.MapGet("/{symbol}", GetAsync).WithName("GetInstrument").WithSummary("One instrument with its latest quote.");
        group.MapGet("/{symbol}/bars", GetBarsAsync).WithName("GetBars")
            .WithSummary("Recent OHLCV bars, oldest first. interval: 1s or 1m (default 1m); limit: 1–1000 (default 100).");
        return app;
    }

    private static async Task<Ok<InstrumentView[]>> ListAsync(InstrumentDirectory directory, IClusterClient cluster, TimeProvider clock, CancellationToken cancellationToken)
    {
        var specs = await directory.GetAllAsync(cancellationToken);
        var views = await Task.WhenAll(specs.Select(async spec =>
            InstrumentView.From(spec, await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetQuoteAsync(), clock.GetUtcNow())));
        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<InstrumentView>, ProblemHttpResult>> GetAsync(
        string symbol, InstrumentDirectory directory, IClusterClient cluster, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(symbol, cancellationToken) is not { } spec)
            return UnknownSymbol(symbol);
        var quote = await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetQuoteAsync();
        return TypedResults.Ok(InstrumentView.From(spec, quote, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<BarsView>, ProblemHttpResult, ValidationProblem>> GetBarsAsync(
        string symbol, string? interval, string? limit,
        InstrumentDirectory directory, IClusterClient cluster, CancellationToken cancellationToken)
    {
        // Query values are bound as text and parsed here, so a bad value gets a ProblemDetails naming it.
        var errors = new Dictionary<string, string[]>();
        interval ??= "1m";
        if (!Intervals.TryGetValue(interval, out var barInterval))
            errors["interval"] = [$"'{interval}' is not a bar interval; use one of: {string.Join(", ", Intervals.Keys)}."];
        var count = DefaultBars;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxBars))
            errors["limit"] = [$"'{limit}' is not a whole number from 1 to {MaxBars}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors,
                detail: $"Invalid query parameter(s): {string.Join(", ", errors.Keys)}.", title: "Invalid bar request");

        if (await directory.FindAsync(symbol, cancellationToken) is not { } spec)
            return UnknownSymbol(symbol);
        var bars = await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetBarsAsync(barInterval, count);
        return TypedResults.Ok(new BarsView(spec.Symbol, interval, [.. bars.Select(BarView.From)]));
    }

    private static ProblemHttpResult UnknownSymbol(string symbol) => TypedResults.Problem(
        title: "Unknown instrument",
        detail: $"No instrument has the symbol '{symbol}'. GET /api/v1/instruments lists them.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["symbol"] = symbol });
}
