using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Crucible.LoadTest;

/// <summary>
/// The tool as an Orleans client of the engine's cluster: it connects to the silo gateways it is given (the embedded
/// engine's is 127.0.0.1:30000; a durable cluster's silos each have one) under the cluster's ClusterId and ServiceId.
/// A static gateway list, so the tool needs no database credentials to join a durable cluster.
/// </summary>
public sealed class GrainConnection : IAsyncDisposable
{
    private readonly IHost host;

    private GrainConnection(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>Connects, or throws a <see cref="LoadTestException"/> that names the gateways no silo answered on.</summary>
    public static async Task<GrainConnection> ConnectAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in options.Gateways)
        {
            var (name, port) = ParseGateway(gateway) ?? throw new LoadTestException($"gateway '{gateway}' is not host:port");
            var address = IPAddress.TryParse(name, out var ip) ? ip
                : (await Dns.GetHostAddressesAsync(name, cancellationToken)).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                  ?? throw new LoadTestException($"gateway '{gateway}': no IPv4 address for {name}");
            endpoints.Add(new IPEndPoint(address, port));
        }
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering([.. endpoints]);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new LoadTestException($"no silo answered on {string.Join(", ", options.Gateways)} as cluster '{options.ClusterId}'/'{options.ServiceId}': {e.Message}");
        }
        return new GrainConnection(host);
    }

    /// <summary>"host:port" (an IPv4 address or a name; the port 1–65535), or null.</summary>
    public static (string Host, int Port)? ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return null;
        var host = text[..colon];
        // A URL (http://host:port) is the HTTP target, not a gateway.
        return host.IndexOfAny([':', '/']) < 0 ? (host, port) : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            host.Dispose();
        }
    }
}
