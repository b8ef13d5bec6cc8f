using System.Globalization;
using System.Text.Json.Nodes;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.Mvc;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's trading API v2, account and orders (docs/alpaca.md): the same grains and the same order reader as
/// <c>/api/v1</c>, in Alpaca's field names, numbers as strings and <c>{ code, message }</c> errors. The account is the
/// caller's, chosen by <see cref="AlpacaAccounts"/>.
/// </summary>
public static class AlpacaTradingApi
{
    public const int MaxOrdersLimit = 500;

    public static RouteGroupBuilder MapAlpacaTradingApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/account", GetAccountAsync).WithName("AlpacaGetAccount").WithSummary("Alpaca: the account this key trades.");
        v2.MapPost("/orders", SubmitAsync).WithName("AlpacaSubmitOrder").WithSummary("Alpaca: places an order; 200 with the order (legs inside for a bracket or OCO).");
        v2.MapGet("/orders", ListAsync).WithName("AlpacaListOrders")
            .WithSummary("Alpaca: orders. status open (default)|closed|all, limit ≤ 500 (50), after, until, direction desc|asc, nested, symbols.");
        v2.MapGet("/orders:by_client_order_id", GetByClientOrderIdAsync).WithName("AlpacaGetOrderByClientOrderId");
        v2.MapGet("/orders/{orderId}", GetAsync).WithName("AlpacaGetOrder");
        v2.MapPatch("/orders/{orderId}", ReplaceAsync).WithName("AlpacaReplaceOrder").WithSummary("Alpaca: replaces an order; 200 with the new order.");
        v2.MapDelete("/orders/{orderId}", CancelAsync).WithName("AlpacaCancelOrder").WithSummary("Alpaca: cancels an order; 204.");
        v2.MapDelete("/orders", CancelAllAsync).WithName("AlpacaCancelAllOrders").WithSummary("Alpaca: cancels every open order; 207 with { id, status, body } per order.");
        return v2;
    }

    /// <summary>Resolves the caller's account and runs <paramref name="action"/> on its book; an unresolved account is refused.</summary>
    internal static async Task<IResult> WithBookAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster,
        Func<IPositionBookGrain, Task<IResult>> action)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        return await action(book);
    }

    private static Task<IResult> GetAccountAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster) =>
        WithBookAsync(http, accounts, cluster, async book =>
        {
            if (await book.GetStateAsync() is not { } state) return AlpacaErrors.NotFound("account not found");
            var samples = await book.GetEquitySamplesAsync();
            var createdAt = samples.Count > 0 ? samples[0].Time : state.Account.UpdatedAt;
            return AlpacaJson.Ok(AlpacaViews.Account(state.Account, state.Positions, await book.GetEvaluationAsync(), createdAt));
        });

    private static async Task<IResult> SubmitAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols,
        AlpacaViews views, CancellationToken cancellationToken)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var spec = body!["symbol"] is JsonValue named && named.TryGetValue<string>(out var symbol) ? await symbols.FindAsync(symbol, cancellationToken) : null;
        var (sized, notional, field, refusal) = await AlpacaNotional.SizeAsync(body, spec, cluster);
        if (sized is null) return AlpacaErrors.Invalid(field!, refusal!);
        var (request, errors) = AlpacaOrderReader.Read(sized);
        if (request is null) return AlpacaErrors.Validation(errors);
        request = request with { Symbol = spec?.Symbol ?? request.Symbol, Notional = notional };
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        var result = await book.SubmitOrderAsync(request);
        if (result is { Error: null, Order: { Status: not OrderStatus.Rejected } order })
            return AlpacaJson.Ok(await views.OrderWithLegsAsync(book, order));
        return await AlpacaErrors.FromCommandAsync(result, views);
    }

    private static Task<IResult> ListAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols, AlpacaViews views) =>
        WithBookAsync(http, accounts, cluster, async book =>
        {
            var query = http.Request.Query;
            OrderStatusFilter? filter = query["status"].ToString() switch
            {
                "" or "open" => OrderStatusFilter.Open,
                "closed" => OrderStatusFilter.Closed,
                "all" => OrderStatusFilter.All,
                _ => null,
            };
            if (filter is null) return AlpacaErrors.Invalid("status", $"'{query["status"]}' is not one of: open, closed, all.");
            var limit = 50;
            if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxOrdersLimit))
                return AlpacaErrors.Invalid("limit", $"must be a whole number from 1 to {MaxOrdersLimit}.");
            var direction = query["direction"].ToString();
            if (direction is not ("" or "asc" or "desc")) return AlpacaErrors.Invalid("direction", "must be asc or desc.");
            if (!TryTime(query["after"], out var after)) return AlpacaErrors.Invalid("after", "must be an RFC 3339 time.");
            if (!TryTime(query["until"], out var until)) return AlpacaErrors.Invalid("until", "must be an RFC 3339 time.");
            var nested = query["nested"].ToString() is "true" or "1";
            HashSet<string>? wanted = null;
            if (query["symbols"].ToString() is { Length: > 0 } list)
            {
                wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var symbol in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    wanted.Add(await symbols.CanonicalAsync(symbol));
            }

            var all = await book.GetOrdersAsync(filter.Value);
            IEnumerable<Order> selected = all.Where(o => (after is null || o.CreatedAt > after) && (until is null || o.CreatedAt < until)
                && (wanted is null || wanted.Contains(o.Symbol)));
            if (nested) selected = selected.Where(o => o.ParentId is null);
            // The book lists newest first, Alpaca's default direction.
            if (direction == "asc") selected = selected.Reverse();
            var page = selected.Take(limit).ToList();
            var views2 = new List<AlpacaOrderView>(page.Count);
            foreach (var order in page)
                views2.Add(nested ? await views.OrderWithLegsAsync(book, order) : await views.OrderAsync(order));
            return AlpacaJson.Ok(views2);
        });

    private static Task<IResult> GetAsync(string orderId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaViews views) =>
        WithBookAsync(http, accounts, cluster, async book =>
            await book.GetOrderAsync(orderId) is { } order
                ? AlpacaJson.Ok(await views.OrderWithLegsAsync(book, order))
                : AlpacaErrors.NotFound($"order not found for {orderId}"));

    private static Task<IResult> GetByClientOrderIdAsync([FromQuery(Name = "client_order_id")] string? clientOrderId, HttpContext http,
        AlpacaAccounts accounts, IClusterClient cluster, AlpacaViews views) =>
        WithBookAsync(http, accounts, cluster, async book =>
        {
            if (string.IsNullOrEmpty(clientOrderId)) return AlpacaErrors.Invalid("client_order_id", "is required.");
            var orders = await book.GetOrdersAsync(OrderStatusFilter.All);
            return orders.FirstOrDefault(o => (o.ClientOrderId ?? o.Id) == clientOrderId) is { } order
                ? AlpacaJson.Ok(await views.OrderWithLegsAsync(book, order))
                : AlpacaErrors.NotFound($"order not found for client_order_id {clientOrderId}");
        });

    private static async Task<IResult> ReplaceAsync(string orderId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster,
        AlpacaViews views, CancellationToken cancellationToken)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var (request, errors) = AlpacaOrderReader.ReadReplace(body!);
        if (request is null) return AlpacaErrors.Validation(errors);
        return await AlpacaErrors.FromCommandAsync(await cluster.GetGrain<IPositionBookGrain>(accountId).ReplaceOrderAsync(orderId, request), views);
    }

    private static Task<IResult> CancelAsync(string orderId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster) =>
        WithBookAsync(http, accounts, cluster, async book =>
        {
            if (JsonBody.RefuseBody(http.Request) is { } refused) return refused;
            var result = await book.CancelOrderAsync(orderId);
            return result.Error is { } error ? AlpacaErrors.From(error) : Results.NoContent();
        });

    private static Task<IResult> CancelAllAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaViews views) =>
        WithBookAsync(http, accounts, cluster, async book =>
        {
            if (JsonBody.RefuseBody(http.Request) is { } refused) return refused;
            return AlpacaJson.Ok(await CancelOpenOrdersAsync(book, views), StatusCodes.Status207MultiStatus);
        });

    /// <summary>Cancels every working order, parents before their legs (a canceled entry takes its held legs with it).</summary>
    internal static async Task<List<AlpacaMultiStatus>> CancelOpenOrdersAsync(IPositionBookGrain book, AlpacaViews views)
    {
        var results = new List<AlpacaMultiStatus>();
        foreach (var order in (await book.GetOrdersAsync(OrderStatusFilter.Open)).OrderBy(o => o.ParentId is null ? 0 : 1))
        {
            if (await book.GetOrderAsync(order.Id) is not { IsWorking: true }) continue;
            var result = await book.CancelOrderAsync(order.Id);
            results.Add(result.Error is { } error
                ? new AlpacaMultiStatus(order.Id, null, AlpacaErrors.StatusOf(error.Code), new AlpacaError(AlpacaErrors.CodeFor(AlpacaErrors.StatusOf(error.Code)), error.Message))
                : new AlpacaMultiStatus(order.Id, null, StatusCodes.Status200OK, await views.OrderAsync(result.Order!)));
        }
        return results;
    }

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (value.Count == 0 || string.IsNullOrEmpty(value[0])) return true;
        if (!DateTimeOffset.TryParse(value[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        time = parsed;
        return true;
    }
}

/// <summary>One entry of a 207 answer: an order's (<see cref="Id"/>) or a position's (<see cref="Symbol"/>) outcome.</summary>
public sealed record AlpacaMultiStatus(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Symbol,
    int Status,
    object Body);
