using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Api.Alerts;
using Crucible.Api.Health;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crucible.Api.Hosting;

/// <summary>Cross-cutting host set-up in one place, so Program.cs only composes.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddCrucibleApiServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = JsonBody.ExplainUnsupportedMediaType);
        services.AddOpenApi();
        // Enums read and write as snake_case ("stop_limit", "partially_filled"), as trading APIs spell them.
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        services.Configure<PaperAccountOptions>(builder.Configuration.GetSection(PaperAccountOptions.Section));
        services.Configure<AccountStreamOptions>(builder.Configuration.GetSection(AccountStreamOptions.Section));
        services.AddSingleton<AccountEventBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountEventBridge>());
        services.AddSingleton<AlertEventBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEventBridge>());
        services.AddCrucibleRateLimits(builder.Configuration);
        services.AddCrucibleCors(builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<ClusterReadyCheck>("cluster", tags: [ClusterReadyCheck.ReadinessTag]);

        services.AddSingleton<InstrumentDirectory>();
        services.AddSingleton<MarketSubscriptions>();
        services.AddSingleton<QuoteFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<QuoteFanout>());
        services.AddHostedService<QuoteBridge>();
        return builder;
    }

    public static WebApplication UseCrucibleApi(this WebApplication app)
    {
        // First, so every response carries the security headers, error pages included.
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // A failure is a bare 500 ProblemDetails: the exception's type, message and stack trace go to the log only.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before authentication and rate limits: a preflight carries no credentials and must not count.
        app.UseCors(SecurityHeaders.CorsPolicy);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        // Liveness answers as long as the process serves HTTP; readiness asks the cluster.
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ClusterReadyCheck.ReadinessTag) });
        return app;
    }
}
