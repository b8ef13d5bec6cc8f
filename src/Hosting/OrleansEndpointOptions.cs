namespace Crucible.Hosting;

/// <summary>The <c>Orleans</c> configuration section: cluster identity and ports.</summary>
public sealed class OrleansEndpointOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "crucible";

    public string ServiceId { get; set; } = "crucible";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
