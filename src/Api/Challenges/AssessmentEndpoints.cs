namespace Crucible.Api.Challenges;

/// <summary>Composes the assessment surface: REST, the leaderboard and the live hub, and the bridge that feeds it (its
/// evaluation rate is Crucible:AccountStream's, configured with the account hub).</summary>
public static class AssessmentEndpoints
{
    public static WebApplicationBuilder AddCrucibleAssessments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AssessmentEventBridge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AssessmentEventBridge>());
        return builder;
    }

    public static WebApplication MapCrucibleAssessments(this WebApplication app)
    {
        app.MapAssessmentsApi();
        app.MapLeaderboardApi();
        app.MapHub<AssessmentHub>("/hubs/assessments");
        return app;
    }
}
