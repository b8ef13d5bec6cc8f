using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Challenges;

/// <summary>
/// The leaderboard of active assessments, by return % or by risk-adjusted return (docs/assessments.md gives the formulas).
/// Public: anyone may read it, but only evaluators and admins see trader ids; everyone else sees a pseudonym per trader
/// (their own entries keep their id), since a user id is personal data and names no one's account publicly.
/// </summary>
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

    private static async Task<IResult> GetAsync(HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster)
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
        var board = await cluster.GetGrain<IAssessmentDirectoryGrain>(0).GetLeaderboardAsync(order, limit);
        if (caller.Has(UserRole.Evaluator) || caller.Has(UserRole.Admin))
            return TypedResults.Ok(board);
        var me = caller.UserId();
        return TypedResults.Ok(board.Select(e => e.TraderId == me ? e : e with { TraderId = Pseudonym(e.TraderId) }).ToList());
    }

    /// <summary>
    /// A stable stand-in for a trader id: the same trader reads the same on every board, and it cannot be turned back
    /// (user ids are random 128-bit values, so a hash of one cannot be guessed from a list of candidates).
    /// </summary>
    public static string Pseudonym(string traderId) =>
        "trader-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(traderId)))[..12];
}
