namespace Crucible.Api.Hosting;

/// <summary>Metrics export (<c>Crucible:Metrics</c>); docs/metrics.md.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Crucible:Metrics";

    /// <summary>Serve <c>GET /metrics</c> in Prometheus text format.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// When true, <c>/metrics</c> answers only a signed-in admin; by default it is public like <c>/health</c>, because
    /// scrapers rarely carry user tokens. A deployment that exposes the host to the internet should set this or keep the
    /// path off its ingress.
    /// </summary>
    public bool RequireAdmin { get; set; }

    /// <summary>Also push every instrument to an OTLP collector (e.g. http://localhost:4317) when set.</summary>
    public OtlpOptions Otlp { get; set; } = new();

    public sealed class OtlpOptions
    {
        public Uri? Endpoint { get; set; }
    }
}
