using Crucible.TestSupport.Markets;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Crucible.Api.Tests;

/// <summary>
/// The real API host — embedded silo, default catalog, simulated markets — on Kestrel at a free loopback
/// port, so tests talk to it over real HTTP and WebSockets like any client would.
/// </summary>
public class CrucibleApiFactory : WebApplicationFactory<Program>
{
    public CrucibleApiFactory() => UseKestrel(0);

    /// <summary>The root address the server listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        }
    }

    /// <summary>An instrument of the test catalog whose ticks come only from the tests (IngestAsync).</summary>
    public const string ExternalSymbol = TestCatalog.ExternalSymbol;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Crucible:CatalogPath", TestCatalog.WithExternalFuture("instruments.api-tests.json"));
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString());
        // Users with these addresses get the role when they register (TestUsers registers each once per host).
        builder.UseSetting("Crucible:Auth:Admins:0", TestUsers.AdminEmail);
        builder.UseSetting("Crucible:Auth:Evaluators:0", TestUsers.EvaluatorEmail);
        // Hundreds of tests register users and send orders from 127.0.0.1: limits they can never reach
        // (RateLimitTests run their own host with tiny ones).
        builder.UseSetting("Crucible:RateLimits:Auth:PermitLimit", "1000000");
        builder.UseSetting("Crucible:RateLimits:Trading:PermitLimit", "1000000");
    }


    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<CrucibleApiFactory>
{
    public const string Name = "api";
}
