using System.Security.Claims;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Alerts;

namespace Crucible.Api.Alerts;

/// <summary>
/// The caller's price alerts under <c>/api/v1/alerts</c> (docs/alerts.md): list, create
/// <c>{ symbol, condition, level, source?, note? }</c>, read, delete. The engine evaluates them (<see cref="IPriceAlertsGrain"/>);
/// a firing is pushed as <c>Alert</c> on <c>/hubs/accounts</c>. Each user sees only their own: another user's id answers
/// 404 like an unknown one, because the id is looked up in the caller's own alerts only.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", async (ClaimsPrincipal caller, IClusterClient cluster) => TypedResults.Ok(await Grain(caller, cluster).ListAsync()))
            .WithName("ListAlerts").WithSummary("The caller's alerts, oldest first, armed and fired.").Produces<IReadOnlyList<PriceAlert>>();
        group.MapPost("/", CreateAsync).WithName("CreateAlert")
            .WithSummary("Arms an alert: { symbol, condition: above|below|crosses_up|crosses_down|crosses, level, source?: mid|bid|ask, note? }.")
            .Produces<PriceAlert>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{alertId}", async (string alertId, ClaimsPrincipal caller, IClusterClient cluster) =>
            await Grain(caller, cluster).GetAsync(alertId) is { } alert ? Results.Ok(alert) : NotFound())
            .WithName("GetAlert").Produces<PriceAlert>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{alertId}", async (string alertId, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster) =>
            JsonBody.RefuseBody(http) ?? (await Grain(caller, cluster).DeleteAsync(alertId) ? Results.NoContent() : NotFound()))
            .WithName("DeleteAlert").WithSummary("Deletes an alert, armed or fired; it fires no more.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IPriceAlertsGrain Grain(ClaimsPrincipal caller, IClusterClient cluster) => cluster.GetGrain<IPriceAlertsGrain>(caller.UserId()!);

    private static async Task<IResult> CreateAsync(HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster, InstrumentDirectory instruments,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var (request, errors) = await AlertRequest.ReadAsync(body!, instruments, cancellationToken);
        if (request is null) return TradingProblems.Validation(errors);
        var result = await Grain(caller, cluster).CreateAsync(request, time.GetUtcNow());
        if (result.Alert is not { } alert)
            return TypedResults.Problem(title: "Alert refused", detail: $"a user may keep at most {IPriceAlertsGrain.MaxAlerts} alerts; delete one first",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["code"] = "too_many_alerts" });
        return Results.Created($"/api/v1/alerts/{alert.Id}", alert);
    }

    private static IResult NotFound() => TypedResults.Problem(title: "Unknown alert", detail: "alert not found",
        statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
}
