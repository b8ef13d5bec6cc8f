using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Challenges;

/// <summary>The challenge plans for sale: account size, price and each phase's rules in amounts (docs/rules.md).</summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans").WithTags("Plans");
        group.MapGet("/", async (IClusterClient cluster) => TypedResults.Ok(await cluster.GetGrain<IPlanCatalogGrain>(0).GetAllAsync()))
            .WithName("ListPlans").WithSummary("Every plan with its phases and rules.");
        group.MapGet("/{planId}", GetAsync).WithName("GetPlan")
            .Produces<ChallengePlan>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string planId, IClusterClient cluster) =>
        await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(planId) is { } plan
            ? TypedResults.Ok(plan)
            : TypedResults.Problem(title: "Unknown plan", detail: $"No plan has the id '{planId}'. GET /api/v1/plans lists them.",
                statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["planId"] = planId });
}
