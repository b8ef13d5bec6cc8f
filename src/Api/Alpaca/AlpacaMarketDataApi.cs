using System.Globalization;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Enough of Alpaca's market data for bots to run, on the trading host: latest quote, latest trade and bars in the
/// shapes of market-data v2 (stocks, <c>/v2/stocks/…</c>) and v1beta3 (crypto, <c>/v1beta3/crypto/us/…</c>). Any
/// instrument of the catalog may be asked for under either. Market data is numbers, not strings, as Alpaca sends it.
/// Bars are the feed's recent ones: 1Min (and 1Sec); no history beyond what the feed keeps, so no next page.
/// </summary>
public static class AlpacaMarketDataApi
{
    public const int MaxBars = 1000;

    public static RouteGroupBuilder MapAlpacaStockDataApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/stocks/{symbol}/quotes/latest", async (string symbol, AlpacaSymbols symbols, IClusterClient cluster) =>
            await OneAsync(symbol, symbols, cluster, (name, q) => new { symbol = name, quote = StockQuote(q) }));
        v2.MapGet("/stocks/quotes/latest", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) =>
            await ManyAsync(http, symbols, cluster, "quotes", StockQuote));
        v2.MapGet("/stocks/{symbol}/trades/latest", async (string symbol, AlpacaSymbols symbols, IClusterClient cluster) =>
            await OneAsync(symbol, symbols, cluster, (name, q) => new { symbol = name, trade = StockTrade(q) }));
        v2.MapGet("/stocks/trades/latest", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) =>
            await ManyAsync(http, symbols, cluster, "trades", StockTrade));
        v2.MapGet("/stocks/{symbol}/bars", async (string symbol, HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) =>
        {
            if (await symbols.FindAsync(Uri.UnescapeDataString(symbol)) is not { } spec) return AlpacaErrors.NotFound($"unknown symbol {symbol}");
            if (ReadBarQuery(http) is { Error: { } error }) return error;
            var (interval, limit, _) = ReadBarQuery(http);
            var bars = await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetBarsAsync(interval, limit);
            return AlpacaJson.Ok(new { bars = bars.Select(BarOf), symbol = AlpacaSymbols.Display(spec, spec.Symbol), next_page_token = (string?)null });
        });
        v2.MapGet("/stocks/bars", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) => await BarsAsync(http, symbols, cluster));
        return v2;
    }

    public static RouteGroupBuilder MapAlpacaCryptoDataApi(this RouteGroupBuilder v1beta3)
    {
        v1beta3.MapGet("/crypto/us/latest/quotes", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) =>
            await ManyAsync(http, symbols, cluster, "quotes", q => new { t = AlpacaJson.Time(q.Time), bp = q.Bid, bs = q.BidSize ?? 0m, ap = q.Ask, @as = q.AskSize ?? 0m }));
        v1beta3.MapGet("/crypto/us/latest/trades", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) =>
            await ManyAsync(http, symbols, cluster, "trades", q => new { t = AlpacaJson.Time(q.Time), p = q.Last, s = q.LastSize, i = q.Sequence, tks = "B" }));
        v1beta3.MapGet("/crypto/us/bars", async (HttpContext http, AlpacaSymbols symbols, IClusterClient cluster) => await BarsAsync(http, symbols, cluster));
        return v1beta3;
    }

    private static object StockQuote(Quote q) =>
        new { t = AlpacaJson.Time(q.Time), ax = "C", ap = q.Ask, @as = q.AskSize ?? 0m, bx = "C", bp = q.Bid, bs = q.BidSize ?? 0m, c = new[] { "R" }, z = "C" };

    private static object StockTrade(Quote q) =>
        new { t = AlpacaJson.Time(q.Time), x = "C", p = q.Last, s = q.LastSize, c = new[] { "@" }, i = q.Sequence, z = "C" };

    private static object BarOf(Bar b) => new
    {
        t = AlpacaJson.Time(b.Start), o = b.Open, h = b.High, l = b.Low, c = b.Close, v = b.Volume, n = b.TickCount,
        // The feed keeps no traded value per bar: the volume-weighted price is approximated by the bar's typical price.
        vw = Math.Round((b.High + b.Low + b.Close) / 3m, 6),
    };

    private static async Task<IResult> OneAsync(string symbol, AlpacaSymbols symbols, IClusterClient cluster, Func<string, Quote, object> shape)
    {
        if (await symbols.FindAsync(Uri.UnescapeDataString(symbol)) is not { } spec) return AlpacaErrors.NotFound($"unknown symbol {symbol}");
        return await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetQuoteAsync() is { } quote
            ? AlpacaJson.Ok(shape(AlpacaSymbols.Display(spec, spec.Symbol), quote))
            : AlpacaErrors.NotFound($"no quote yet for {symbol}");
    }

    /// <summary>The <c>symbols</c> list's instruments keyed by Alpaca's spelling; an unknown symbol is left out, as Alpaca does.</summary>
    private static async Task<IResult> ManyAsync(HttpContext http, AlpacaSymbols symbols, IClusterClient cluster, string key, Func<Quote, object> shape)
    {
        if (await SymbolsAsync(http, symbols) is not { } specs) return AlpacaErrors.Invalid("symbols", "is required: a comma-separated list.");
        var result = new Dictionary<string, object>();
        foreach (var spec in specs)
            if (await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetQuoteAsync() is { } quote)
                result[AlpacaSymbols.Display(spec, spec.Symbol)] = shape(quote);
        return AlpacaJson.Ok(new Dictionary<string, object> { [key] = result });
    }

    private static async Task<IResult> BarsAsync(HttpContext http, AlpacaSymbols symbols, IClusterClient cluster)
    {
        if (await SymbolsAsync(http, symbols) is not { } specs) return AlpacaErrors.Invalid("symbols", "is required: a comma-separated list.");
        var (interval, limit, error) = ReadBarQuery(http);
        if (error is not null) return error;
        var result = new Dictionary<string, object>();
        foreach (var spec in specs)
            result[AlpacaSymbols.Display(spec, spec.Symbol)] = (await cluster.GetGrain<IInstrumentFeedGrain>(spec.Symbol).GetBarsAsync(interval, limit)).Select(BarOf);
        return AlpacaJson.Ok(new { bars = result, next_page_token = (string?)null });
    }

    private static async Task<List<InstrumentSpec>?> SymbolsAsync(HttpContext http, AlpacaSymbols symbols)
    {
        var list = http.Request.Query["symbols"].ToString();
        if (list.Length == 0) return null;
        var specs = new List<InstrumentSpec>();
        foreach (var symbol in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(100))
            if (await symbols.FindAsync(symbol) is { } spec && !specs.Contains(spec))
                specs.Add(spec);
        return specs;
    }

    private static (BarInterval Interval, int Limit, IResult? Error) ReadBarQuery(HttpContext http)
    {
        var query = http.Request.Query;
        BarInterval? interval = query["timeframe"].ToString() switch
        {
            "1Min" or "1T" or "1min" => BarInterval.OneMinute,
            "1Sec" or "1S" => BarInterval.OneSecond,
            _ => null,
        };
        if (interval is null)
            return (default, 0, AlpacaErrors.Invalid("timeframe", $"'{query["timeframe"]}' is not kept here: use 1Min (or 1Sec)."));
        var limit = 1000;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxBars))
            return (default, 0, AlpacaErrors.Invalid("limit", $"must be a whole number from 1 to {MaxBars}."));
        return (interval.Value, limit, null);
    }
}
