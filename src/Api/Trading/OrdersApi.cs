using System.Security.Claims;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Trading;

/// <summary>Orders over REST: place, list, read, cancel and replace. The owner trades; an evaluator or admin may read (403 on a
/// command); anyone else gets 404, as for an unknown account.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts/{accountId}/orders").WithTags("Orders").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", SubmitAsync).WithName("SubmitOrder")
            .WithSummary("Places an order. 201 with the order; 200 with the original order for a repeated clientOrderId.")
            .Accepts<OrderRequest>("application/json")
            .Produces<Order>(StatusCodes.Status201Created).Produces<Order>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithName("ListOrders").WithSummary("Orders, newest first. status: open (default), closed or all.")
            .Produces<IReadOnlyList<Order>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{orderId}", GetAsync).WithName("GetOrder")
            .Produces<Order>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{orderId}", CancelAsync).WithName("CancelOrder").WithSummary("Cancels a working order; returns it canceled.")
            .Produces<Order>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPatch("/{orderId}", ReplaceAsync).WithName("ReplaceOrder")
            .WithSummary("Replaces an accepted order's quantity, prices or time in force; returns the new order.")
            .Accepts<ReplaceRequest>("application/json")
            .Produces<Order>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    internal static IResult ToResult(OrderCommandResult result, bool created)
    {
        if (result.Error is { } error)
            return TradingProblems.From(error, result.Order);
        var order = result.Order!;
        if (order.Status == OrderStatus.Rejected)
        {
            var reason = order.RejectReason ?? OrderErrorCode.MarketClosed;
            return TradingProblems.From(new OrderError(reason, null, OrderErrors.Describe(reason)), order);
        }
        return created && !result.Duplicate
            ? TypedResults.Created($"/api/v1/accounts/{order.AccountId}/orders/{order.Id}", order)
            : TypedResults.Ok(order);
    }

    private static async Task<IResult> SubmitAsync(string accountId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster,
        InstrumentDirectory directory, CancellationToken cancellationToken)
    {
        // Who may trade first (a stranger learns nothing from a body's errors); then read and check the body before
        // touching the account: a bad request changes nothing.
        if (await AccountsApi.RefuseAsync(accountId, caller, access, Access.Own) is { } refused)
            return refused;
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null)
            return problem;
        var (request, errors) = OrderRequestReader.Read(body!);
        if (request is null)
            return TradingProblems.Validation(errors);
        request = request with { Symbol = await directory.CanonicalAsync(request.Symbol, cancellationToken) };
        return await AccountsApi.CommandAsync(accountId, cluster, book => book.SubmitOrderAsync(request), created: true);
    }

    private static async Task<IResult> ListAsync(string accountId, string? status, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster)
    {
        if (await AccountsApi.RefuseAsync(accountId, caller, access, Access.Read) is { } refused)
            return refused;
        var filter = status switch
        {
            null or "open" => OrderStatusFilter.Open,
            "closed" => OrderStatusFilter.Closed,
            "all" => OrderStatusFilter.All,
            _ => (OrderStatusFilter?)null,
        };
        if (filter is null)
            return JsonBody.Invalid("status", $"'{status}' is not one of: open, closed, all.");
        return await AccountsApi.ReadAsync(accountId, cluster, async book => TypedResults.Ok(await book.GetOrdersAsync(filter.Value)));
    }

    private static async Task<IResult> GetAsync(string accountId, string orderId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster) =>
        await AccountsApi.WithAccountAsync(accountId, caller, access, cluster, async book =>
            await book.GetOrderAsync(orderId) is { } order
                ? TypedResults.Ok(order)
                : TradingProblems.From(new OrderError(OrderErrorCode.UnknownOrder, "orderId", OrderErrors.Describe(OrderErrorCode.UnknownOrder))));

    private static async Task<IResult> CancelAsync(string accountId, string orderId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access,
        IClusterClient cluster) =>
        await AccountsApi.RefuseAsync(accountId, caller, access, Access.Own)
        ?? JsonBody.RefuseBody(http)
        ?? await AccountsApi.CommandAsync(accountId, cluster, book => book.CancelOrderAsync(orderId), created: false);

    private static async Task<IResult> ReplaceAsync(string accountId, string orderId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access,
        IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (await AccountsApi.RefuseAsync(accountId, caller, access, Access.Own) is { } refused)
            return refused;
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null)
            return problem;
        var (request, errors) = OrderRequestReader.ReadReplace(body!);
        if (request is null)
            return TradingProblems.Validation(errors);
        return await AccountsApi.CommandAsync(accountId, cluster, book => book.ReplaceOrderAsync(orderId, request), created: false);
    }
}
