using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Crucible.Api.Alpaca;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>When the server ends a /stream socket: its key is revoked, or its client falls too far behind.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaStreamLimitsTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task Revoking_a_key_closes_its_open_stream_with_the_reason_and_refuses_its_next_rest_call()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        using var socket = await ListeningSocketAsync(bot);

        var revoked = await bot.Trader.Http.DeleteAsync($"/api/v1/auth/keys/{bot.KeyId}");
        var (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/account");
        var end = await socket.ReceiveAsync(new byte[1024], new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        AlpacaTradingApiTests.AssertError(status, body, HttpStatusCode.Unauthorized, 40110000, "");
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Equal(AlpacaStream.RevokedReason, socket.CloseStatusDescription);
    }

    [Fact]
    public async Task A_key_revoked_where_this_host_cannot_hear_it_is_caught_by_the_periodic_recheck()
    {
        var interval = AlpacaStream.KeyCheckInterval;
        AlpacaStream.KeyCheckInterval = TimeSpan.FromMilliseconds(200);
        try
        {
            var bot = await AlpacaTestClient.CreateAsync(factory);
            using var socket = await ListeningSocketAsync(bot);
            var owner = (string)(await bot.Trader.GetAsync("/api/v1/auth/me"))["userId"]!;

            // Straight to the key's grain, as another API host would: no in-process notice reaches this host's socket.
            var cluster = factory.Services.GetRequiredService<IClusterClient>();
            Assert.True(await cluster.GetGrain<IApiKeyGrain>(bot.KeyId).RevokeAsync(owner, DateTimeOffset.UtcNow));
            var end = await socket.ReceiveAsync(new byte[1024], new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

            Assert.Equal(WebSocketMessageType.Close, end.MessageType);
            Assert.Equal(AlpacaStream.RevokedReason, socket.CloseStatusDescription);
        }
        finally
        {
            AlpacaStream.KeyCheckInterval = interval;
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_once_its_queue_passes_the_bound_and_is_told_why()
    {
        var (bound, grace) = (AlpacaStream.MaxQueuedEvents, AlpacaStream.CloseGrace);
        AlpacaStream.MaxQueuedEvents = 16;
        AlpacaStream.CloseGrace = TimeSpan.FromSeconds(60);
        try
        {
            var bot = await AlpacaTestClient.CreateAsync(factory);
            await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
            // A tiny receive buffer, so the server's sends back up after a few frames rather than a few megabytes.
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                    await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(tcp, ownsSocket: true);
                },
            };
            using var socket = await ListeningSocketAsync(bot, new HttpMessageInvoker(handler));

            // The client reads nothing while its account's stream carries 2,000 order updates of about 8 KB (a long client
            // order id): 16 MB, far past what the socket buffers between them hold, so the server's sends back up.
            var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
            var cluster = factory.Services.GetRequiredService<IClusterClient>();
            var working = (await cluster.GetGrain<IPositionBookGrain>(bot.AccountId).GetOrderAsync((string)order["id"]!))!;
            var stream = cluster.GetStreamProvider(MarketStreams.Provider).GetStream<AccountEvent>(AccountStreams.EventStream(bot.AccountId));
            const int orders = 2000;
            for (var i = 1; i <= orders; i++)
                await stream.OnNextAsync(new OrderUpdated(bot.AccountId, 1_000_000 + i, DateTimeOffset.UtcNow,
                    working with { Id = $"{working.Id}-{i}", ClientOrderId = new string('x', 8000) }));
            var received = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.EndOfMessage) received++;
            }

            Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
            Assert.Equal(AlpacaStream.SlowClientReason, socket.CloseStatusDescription);
            Assert.InRange(received, 1, orders - 1);
            // The account is untouched by its client's slowness, and trades on.
            Assert.Single((await bot.GetAsync("/v2/orders")).AsArray());
        }
        finally
        {
            (AlpacaStream.MaxQueuedEvents, AlpacaStream.CloseGrace) = (bound, grace);
        }
    }

    private async Task<ClientWebSocket> ListeningSocketAsync(AlpacaTestClient bot, HttpMessageInvoker? invoker = null)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(factory.ServerAddress) { Scheme = "ws", Path = "/stream" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        if (invoker is null) await socket.ConnectAsync(uri, timeout.Token);
        else await socket.ConnectAsync(uri, invoker, timeout.Token);
        await AlpacaStreamTests.SendAsync(socket, $$$"""{"action":"authenticate","data":{"key_id":"{{{bot.KeyId}}}","secret_key":"{{{bot.Secret}}}"}}""");
        Assert.Equal("authorized", (string)(await AlpacaStreamTests.ReceiveAsync(socket))["data"]!["status"]!);
        await AlpacaStreamTests.SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""");
        Assert.Equal("listening", (string)(await AlpacaStreamTests.ReceiveAsync(socket))["stream"]!);
        return socket;
    }
}
