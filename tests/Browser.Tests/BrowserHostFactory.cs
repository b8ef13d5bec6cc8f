using Crucible.TestSupport.Markets;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Browser.Tests;

/// <summary>
/// The real API host (embedded silo, simulated markets, the dashboard from src/Api/wwwroot) on Kestrel at a free
/// loopback port, plus one instrument whose quotes come only from the tests, and a switch that drops every SignalR
/// connection server-side.
/// </summary>
public sealed class BrowserHostFactory : WebApplicationFactory<Program>
{
    /// <summary>A future (tick 0.25, lot 1, multiplier 50) that only <see cref="QuoteAsync"/> moves, so prices and P&amp;L are known exactly.</summary>
    public const string ExternalSymbol = TestCatalog.ExternalSymbol;

    public HubConnectionDropper Dropper { get; } = new();

    public BrowserHostFactory() => UseKestrel(0);

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        }
    }

    /// <summary>Sets the external instrument's quote, as a feed would.</summary>
    public async Task<Quote> QuoteAsync(decimal bid, decimal ask)
    {
        var feed = Services.GetRequiredService<IClusterClient>().GetGrain<IInstrumentFeedGrain>(ExternalSymbol);
        var previous = await feed.GetQuoteAsync();
        var time = DateTimeOffset.UtcNow;
        if (previous is not null && previous.Time > time)
            time = previous.Time;
        return await feed.IngestAsync(new MarketTick(time, bid, ask, bid, 1, null, null, null));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Crucible:CatalogPath", TestCatalog.WithExternalFuture("instruments.browser-tests.json"));
        builder.UseSetting("Crucible:PlansPath", WriteTestPlans());
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString());
        builder.UseSetting("Crucible:RateLimits:Auth:PermitLimit", "1000000");
        builder.UseSetting("Crucible:RateLimits:Trading:PermitLimit", "1000000");
        for (var i = 0; i < Evaluators.Length; i++)
            builder.UseSetting($"Crucible:Auth:Evaluators:{i}", Evaluators[i]);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Dropper);
            services.Configure<HubOptions>(o => o.AddFilter(Dropper));
            services.AddSingleton<IStartupFilter>(new HubGate(Dropper));
        });
    }


    /// <summary>E-mail addresses that get the evaluator role when they register (Crucible:Auth:Evaluators): one per test.</summary>
    public static readonly string[] Evaluators = ["eva-breach@example.com", "eva-decide@example.com", "eva-board@example.com", "eva-reconnect@example.com"];

    /// <summary>A plan whose daily loss is tiny ($100 on $10,000, hard), so a test can breach it with one TEST-EXT contract.</summary>
    public const string TinyLossPlan = "tiny-daily-loss";

    /// <summary>The shipped plans plus <see cref="TinyLossPlan"/>.</summary>
    private static string WriteTestPlans()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "config");
        var plans = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "plans.json")), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        plans["plans"]!.AsArray().Add(JsonNode.Parse($$"""
            { "id": "{{TinyLossPlan}}", "name": "Tiny Daily Loss", "accountSize": 10000, "price": 1,
              "phaseDefaults": {
                "timeZone": "UTC", "resetTime": "00:00",
                "dailyLoss": { "anchor": "balance", "limit": { "amount": 100 }, "severity": "hard" },
                "overallLoss": { "mode": "static", "limit": { "amount": 1000 } } },
              "phases": [ { "name": "Challenge", "profitTarget": { "amount": 1000 } } ] }
            """));
        var path = Path.Combine(directory, "plans.browser-tests.json");
        File.WriteAllText(path, plans.ToJsonString());
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>While the dropper holds connections off, /hubs requests (negotiate, WebSocket) answer 503, so clients stay reconnecting.</summary>
    private sealed class HubGate(HubConnectionDropper dropper) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (dropper.HoldingOff && context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
