using System.Globalization;
using System.Text.RegularExpressions;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>A FILL activity as Alpaca's <c>TradeActivity</c> names its fields.</summary>
public sealed record AlpacaFillActivity(
    string Id, string ActivityType, string TransactionTime, string Type, string Price, string Qty, string Side, string Symbol,
    string LeavesQty, string OrderId, string CumQty, string OrderStatus);

/// <summary>Alpaca's portfolio history: parallel arrays, one point per timeframe bucket.</summary>
public sealed record AlpacaPortfolioHistory(
    IReadOnlyList<long> Timestamp, IReadOnlyList<decimal> Equity, IReadOnlyList<decimal> ProfitLoss, IReadOnlyList<decimal> ProfitLossPct,
    decimal BaseValue, string Timeframe);

/// <summary>
/// Alpaca's account activities (FILL; other types are answered empty: a simulator has no transfers, dividends or fees
/// apart from commissions, which are in the fills) and portfolio history.
/// </summary>
public static partial class AlpacaActivitiesApi
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapAlpacaActivitiesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/account/activities", (HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols) =>
            ActivitiesAsync(http, accounts, cluster, symbols, http.Request.Query["activity_types"].ToString()))
            .WithName("AlpacaAccountActivities").WithSummary("Alpaca: activities, newest first, page_size ≤ 100, paged by page_token (the last id seen).");
        v2.MapGet("/account/activities/{activityType}", (string activityType, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols) =>
            ActivitiesAsync(http, accounts, cluster, symbols, activityType)).WithName("AlpacaAccountActivitiesByType");
        v2.MapGet("/account/portfolio/history", PortfolioHistoryAsync).WithName("AlpacaPortfolioHistory")
            .WithSummary("Alpaca: equity over a period (1D, 1W, 1M, 3M, 6M, 1A, all) per timeframe (1Min, 5Min, 15Min, 1H, 1D).");
        return v2;
    }

    private static Task<IResult> ActivitiesAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols, string types) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
        {
            var query = http.Request.Query;
            var wanted = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (wanted.Any(t => !ActivityType().IsMatch(t))) return AlpacaErrors.Invalid("activity_types", $"'{types}' is not a list of activity types (FILL, …).");
            var direction = query["direction"].ToString();
            if (direction is not ("" or "asc" or "desc")) return AlpacaErrors.Invalid("direction", "must be asc or desc.");
            var pageSize = MaxPageSize;
            if (query.ContainsKey("page_size") && (!int.TryParse(query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
                return AlpacaErrors.Invalid("page_size", $"must be a whole number from 1 to {MaxPageSize}.");
            if (wanted.Length > 0 && !wanted.Contains("FILL")) return AlpacaJson.Ok(Array.Empty<object>());

            var orders = (await book.GetOrdersAsync(OrderStatusFilter.All)).ToDictionary(o => o.Id);
            var cumulative = new Dictionary<string, decimal>();
            var activities = new List<AlpacaFillActivity>();
            foreach (var fill in await book.GetFillsAsync())
            {
                var cum = cumulative[fill.OrderId] = cumulative.GetValueOrDefault(fill.OrderId) + fill.Quantity;
                var order = orders.GetValueOrDefault(fill.OrderId);
                var ordered = order?.Quantity ?? cum;
                activities.Add(new AlpacaFillActivity(
                    // Time first, so ids sort as the activities do and a page token is an id.
                    Id: $"{fill.Time.UtcDateTime:yyyyMMddHHmmssfff}::{fill.Id}",
                    ActivityType: "FILL",
                    TransactionTime: AlpacaJson.Time(fill.Time),
                    Type: cum >= ordered ? "fill" : "partial_fill",
                    Price: AlpacaJson.Number(fill.Price),
                    Qty: AlpacaJson.Number(fill.Quantity),
                    Side: fill.Side == OrderSide.Buy ? "buy" : "sell",
                    Symbol: await symbols.DisplayAsync(fill.Symbol),
                    LeavesQty: AlpacaJson.Number(ordered - cum),
                    OrderId: fill.OrderId,
                    CumQty: AlpacaJson.Number(cum),
                    OrderStatus: order is null ? "filled" : Trading.FieldReader.SnakeCase(order.Status.ToString())));
            }
            IEnumerable<AlpacaFillActivity> page = direction == "asc" ? activities : Enumerable.Reverse(activities);
            if (query["page_token"].ToString() is { Length: > 0 } token)
            {
                if (!activities.Any(a => a.Id == token)) return AlpacaErrors.Invalid("page_token", "is not the id of an activity of this account.");
                page = page.SkipWhile(a => a.Id != token).Skip(1);
            }
            return AlpacaJson.Ok(page.Take(pageSize).ToList());
        });

    private static Task<IResult> PortfolioHistoryAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, TimeProvider time) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
        {
            var query = http.Request.Query;
            var timeframe = query["timeframe"].ToString() is { Length: > 0 } t ? t : "1D";
            TimeSpan? step = timeframe switch
            {
                "1Min" => TimeSpan.FromMinutes(1), "5Min" => TimeSpan.FromMinutes(5), "15Min" => TimeSpan.FromMinutes(15),
                "1H" => TimeSpan.FromHours(1), "1D" => TimeSpan.FromDays(1), _ => null,
            };
            if (step is null) return AlpacaErrors.Invalid("timeframe", "must be one of 1Min, 5Min, 15Min, 1H, 1D.");
            var period = query["period"].ToString() is { Length: > 0 } p ? p : "1M";
            TimeSpan? span = period switch
            {
                "1D" => TimeSpan.FromDays(1), "1W" => TimeSpan.FromDays(7), "1M" => TimeSpan.FromDays(30), "3M" => TimeSpan.FromDays(91),
                "6M" => TimeSpan.FromDays(182), "1A" => TimeSpan.FromDays(365), "all" => TimeSpan.MaxValue, _ => null,
            };
            if (span is null) return AlpacaErrors.Invalid("period", "must be one of 1D, 1W, 1M, 3M, 6M, 1A, all.");
            if (await book.GetAccountAsync() is not { } account) return AlpacaErrors.NotFound("account not found");

            var points = await PointsAsync(book, account);
            var now = time.GetUtcNow();
            var from = span == TimeSpan.MaxValue ? DateTimeOffset.MinValue : now - span.Value;
            // The last point in each bucket stands for it, stamped with the bucket's start.
            var buckets = points.Where(x => x.Time >= from)
                .GroupBy(x => x.Time.ToUnixTimeSeconds() / (long)step.Value.TotalSeconds)
                .Select(g => (Start: g.Key * (long)step.Value.TotalSeconds, Equity: g.Last().Equity)).ToList();
            var baseValue = account.InitialBalance;
            return AlpacaJson.Ok(new AlpacaPortfolioHistory(
                buckets.Select(b => b.Start).ToList(),
                buckets.Select(b => b.Equity).ToList(),
                buckets.Select(b => b.Equity - baseValue).ToList(),
                buckets.Select(b => baseValue == 0 ? 0 : Math.Round((b.Equity - baseValue) / baseValue, 10)).ToList(),
                baseValue, timeframe));
        });

    /// <summary>
    /// An assessment account's equity samples; for a paper account (which keeps none) its balance after each fill. Either
    /// way the account's equity now is the last point.
    /// </summary>
    private static async Task<List<(DateTimeOffset Time, decimal Equity)>> PointsAsync(IPositionBookGrain book, AccountSnapshot account)
    {
        var samples = await book.GetEquitySamplesAsync();
        List<(DateTimeOffset, decimal)> points;
        if (samples.Count > 0)
            points = [.. samples.Select(s => (s.Time, s.Equity))];
        else
        {
            points = [];
            var balance = account.InitialBalance;
            foreach (var fill in await book.GetFillsAsync())
            {
                balance += fill.RealizedPnl - fill.Commission;
                points.Add((fill.Time, balance));
            }
        }
        points.Add((account.UpdatedAt, account.Equity));
        return points;
    }

    [GeneratedRegex("^[A-Z]{2,10}$")]
    private static partial Regex ActivityType();
}
