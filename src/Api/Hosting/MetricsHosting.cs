using Crucible.Api.Identity;
using Crucible.Grains.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Crucible.Api.Hosting;

/// <summary>
/// Engine metrics through OpenTelemetry (docs/metrics.md): the engine's <see cref="CrucibleMetrics"/>, Orleans' own meter,
/// ASP.NET Core's and Kestrel's, SignalR's and the .NET runtime's (which carries the process CPU and memory), scraped at
/// <c>GET /metrics</c> and optionally pushed over OTLP.
/// </summary>
public static class MetricsHosting
{
    public const string Path = "/metrics";

    /// <summary>Meters exported besides the engine's own.</summary>
    public static readonly string[] Meters =
    [
        CrucibleMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Runtime",
    ];

    public static WebApplicationBuilder AddCrucibleMetrics(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("crucible"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                // Orleans' request latency is in ms too; the SDK's default buckets stop at 10 s with few below 5 ms.
                metrics.AddView("orleans-app-requests-latency", new ExplicitBucketHistogramConfiguration { Boundaries = CrucibleMetrics.LatencyBucketsMs });
                if (options.Prometheus)
                    metrics.AddPrometheusExporter();
                if (options.Otlp.Endpoint is { } endpoint)
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            });
        return builder;
    }

    public static WebApplication MapCrucibleMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Prometheus)
            return app;
        var endpoint = app.MapPrometheusScrapingEndpoint(Path);
        if (options.RequireAdmin)
            endpoint.RequireAuthorization(Policies.Admin);
        return app;
    }
}
