using System.Globalization;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Challenges;

/// <summary>The leaderboard of active assessments, by return % or by risk-adjusted return (docs/assessments.md gives the formulas).</summary>
public static class LeaderboardApi
{
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/leaderboard", GetAsync).WithTags("Assessments").WithName("GetLeaderboard")
            .WithSummary("Active assessments ranked by=return (default) or by=risk_adjusted (also riskAdjusted); limit 1–100, default 10.")
            .Produces<IReadOnlyList<LeaderboardEntry>>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpRequest http, IClusterClient cluster)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var order = LeaderboardOrder.Return;
        if (http.Query.TryGetValue("by", out var by))
        {
            switch (by.ToString())
            {
                case "return": order = LeaderboardOrder.Return; break;
                case "risk_adjusted" or "riskAdjusted": order = LeaderboardOrder.RiskAdjusted; break;
                default: errors["by"] = [$"'{by}' is not one of: return, risk_adjusted."]; break;
            }
        }
        var limit = 10;
        if (http.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = [$"must be a whole number from 1 to {MaxLimit}."];
        foreach (var key in http.Query.Keys.Where(k => k is not ("by" or "limit")))
            errors.TryAdd(key, ["is not a parameter of this request."]);
        if (errors.Count > 0)
            return TradingProblems.Validation(errors);
        return TypedResults.Ok(await cluster.GetGrain<IAssessmentDirectoryGrain>(0).GetLeaderboardAsync(order, limit));
    }
}
