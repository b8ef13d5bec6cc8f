namespace Crucible.Hosting;

/// <summary>The <c>Orleans</c> configuration section: cluster identity and ports.</summary>
public sealed class OrleansEndpointOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "crucible";

    public string ServiceId { get; set; } = "crucible";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Durable mode: the address this silo tells the others to call it on (e.g. 127.0.0.1 for a cluster on one
    /// machine). Unset, the first IPv4 address of the host name (a container's address).
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>Durable mode: listen on every interface rather than the advertised address only (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
