using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>The trade_updates WebSocket at /stream, spoken frame by frame as Alpaca's clients speak it.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaStreamTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task Authenticate_listen_then_an_order_arrives_as_new_and_its_fill_with_price_qty_and_position_qty()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        using var socket = await ConnectAsync();

        await SendAsync(socket, $$$"""{"action":"authenticate","data":{"key_id":"{{{bot.KeyId}}}","secret_key":"{{{bot.Secret}}}"}}""");
        var authorization = await ReceiveAsync(socket);
        await SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""");
        var listening = await ReceiveAsync(socket);
        var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"3","side":"buy","type":"market","time_in_force":"day"}""");
        var first = await ReceiveAsync(socket);
        var second = await ReceiveAsync(socket);

        Assert.Equal("""{"stream":"authorization","data":{"action":"authenticate","status":"authorized"}}""", authorization.ToJsonString());
        Assert.Equal("""{"stream":"listening","data":{"streams":["trade_updates"]}}""", listening.ToJsonString());
        Assert.Equal("trade_updates", (string)first["stream"]!);
        Assert.Equal("new", (string)first["data"]!["event"]!);
        Assert.Equal((string)order["id"]!, (string)first["data"]!["order"]!["id"]!);
        var fill = second["data"]!;
        Assert.Equal("fill", (string)fill["event"]!);
        Assert.Equal("5000.25", (string)fill["price"]!);
        Assert.Equal("3", (string)fill["qty"]!);
        Assert.Equal("3", (string)fill["position_qty"]!);
        Assert.False(string.IsNullOrEmpty((string)fill["execution_id"]!));
        Assert.True(DateTimeOffset.TryParse((string)fill["timestamp"]!, out _));
        Assert.Equal("filled", (string)fill["order"]!["status"]!);
        Assert.Equal("3", (string)fill["order"]!["filled_qty"]!);

        // A close sells the 3: position_qty goes back to 0; a canceled order is "canceled".
        await bot.OkAsync(HttpMethod.Delete, $"/v2/positions/{Symbol}");
        var closing = await ReceiveUntilAsync(socket, f => (string)f["data"]!["event"]! == "fill");
        Assert.Equal("0", (string)closing["data"]!["position_qty"]!);
        Assert.Equal("sell", (string)closing["data"]!["order"]!["side"]!);
        var resting = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        await bot.OkAsync(HttpMethod.Delete, $"/v2/orders/{resting["id"]}", expected: System.Net.HttpStatusCode.NoContent);
        var canceled = await ReceiveUntilAsync(socket, f => (string)f["data"]!["event"]! == "canceled");
        Assert.Equal((string)resting["id"]!, (string)canceled["data"]!["order"]!["id"]!);
        Assert.Equal("canceled", (string)canceled["data"]!["order"]!["status"]!);
    }

    [Fact]
    public async Task A_wrong_secret_is_unauthorized_and_the_socket_is_closed()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        using var socket = await ConnectAsync();

        await SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""");
        var early = await ReceiveAsync(socket);
        await SendAsync(socket, $$$"""{"action":"authenticate","data":{"key_id":"{{{bot.KeyId}}}","secret_key":"wrong"}}""");
        var refused = await ReceiveAsync(socket);
        var buffer = new byte[256];
        var end = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.Equal("error", (string)early["stream"]!);
        Assert.Equal("""{"stream":"authorization","data":{"action":"authenticate","status":"unauthorized"}}""", refused.ToJsonString());
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(factory.ServerAddress) { Scheme = "ws", Path = "/stream" }.Uri;
        await socket.ConnectAsync(uri, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return socket;
    }

    internal static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    internal static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        } while (!result.EndOfMessage);
        return JsonNode.Parse(text.ToString())!;
    }

    private static async Task<JsonNode> ReceiveUntilAsync(ClientWebSocket socket, Func<JsonNode, bool> wanted)
    {
        for (var i = 0; i < 20; i++)
        {
            var frame = await ReceiveAsync(socket);
            if (wanted(frame)) return frame;
        }
        throw new InvalidOperationException("no such frame in 20");
    }
}
