using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's trade-updates stream at <c>/stream</c>: a plain WebSocket of JSON text frames. The client authenticates in
/// band (<c>authenticate</c> with key_id and secret_key, checked like the REST headers), then <c>listen</c>s to
/// <c>trade_updates</c>; the account it hears is the one its key trades on <c>/v2</c>. Events come from the host's
/// <see cref="AccountEventBridge"/>, so a host follows an account's stream once for its hub and its sockets together.
/// WebSocket pings are answered by the protocol layer.
/// </summary>
public sealed class AlpacaStream(IClusterClient cluster, AccountEventBridge bridge, AlpacaAccounts accounts, AlpacaViews views,
    ApiKeyRevocations revocations, InstrumentDirectory directory, TimeProvider time, IServiceProvider services, ILogger<AlpacaStream> logger)
{
    /// <summary>
    /// What sessions close by: the engine's clock (the one the book expires day orders and executes cls orders by) where this
    /// host runs the silo, the host's own in cluster mode (the silos run on the system clock there).
    /// </summary>
    private readonly TimeProvider sessionClock = services.GetKeyedService<TimeProvider>(Crucible.Grains.EngineClock.Key) ?? time;

    public const string Path = "/stream";
    public const string TradeUpdates = "trade_updates";
    private const int MaxFrameBytes = 64 * 1024;

    public const string SlowClientReason = "slow client: too many trade updates waiting to be sent";
    public const string RevokedReason = "api key revoked";

    /// <summary>Until it authenticates, a socket may not linger.</summary>
    public static TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Account events a socket may have waiting to be sent; one more and the client is disconnected as too slow.</summary>
    public static int MaxQueuedEvents { get; set; } = 1000;

    /// <summary>How long a closing socket waits for a stuck frame to go out, then for the client's close reply.</summary>
    public static TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a listening socket re-reads its working orders to find the next session close (done_for_day).</summary>
    public static TimeSpan DoneForDayRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an open socket re-reads its key, to end it when the key was revoked through another host.</summary>
    public static TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await AlpacaErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "this is a WebSocket endpoint: connect with ws:// or wss://");
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var sender = new AlpacaStreamSender(socket, CloseGrace);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        // The server ends a socket with a close frame that says why, then waits a grace for the client's reply before
        // dropping it (a client that does not read never replies).
        void Kick(WebSocketCloseStatus status, string reason) => _ = Task.Run(async () =>
        {
            await sender.CloseAsync(status, reason);
            try { stop.CancelAfter(CloseGrace); } catch (ObjectDisposedException) { }
        });
        var queue = new TradeUpdateQueue(MaxQueuedEvents, () =>
        {
            logger.LogWarning("Alpaca stream client fell more than {MaxQueuedEvents} events behind: disconnecting", MaxQueuedEvents);
            Kick(WebSocketCloseStatus.PolicyViolation, SlowClientReason);
        });
        string? accountId = null;
        string? keyId = null;
        void OnRevoked(string revoked)
        {
            if (revoked == keyId) Kick(WebSocketCloseStatus.PolicyViolation, RevokedReason);
        }
        revocations.Revoked += OnRevoked;
        IAsyncDisposable? listener = null;
        Task? pump = null;
        Task? keyWatch = null;
        Task? doneForDay = null;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var authTimeout = new CancellationTokenSource(accountId is null ? AuthenticationTimeout : Timeout.InfiniteTimeSpan);
                using var read = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, authTimeout.Token);
                var frame = await ReceiveAsync(socket, read.Token);
                if (frame is null) break;
                var message = Parse(frame);
                var action = message?["action"] is JsonValue a && a.TryGetValue<string>(out var named) ? named : null;
                var data = message?["data"] as JsonObject;
                switch (action)
                {
                    case "authenticate" when accountId is not null:
                        // Already authenticated: the account a socket follows does not change mid-stream.
                        await sender.SendAsync(new { stream = "authorization", data = new { action = "authenticate", status = "authorized" } }, stop.Token);
                        break;
                    case "authenticate":
                        (accountId, keyId) = await AuthenticateAsync(data, http);
                        await sender.SendAsync(new { stream = "authorization",
                            data = new { action = "authenticate", status = accountId is null ? "unauthorized" : "authorized" } }, stop.Token);
                        if (accountId is null)
                        {
                            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", stop.Token);
                            return;
                        }
                        keyWatch = WatchKeyAsync(keyId!, () => Kick(WebSocketCloseStatus.PolicyViolation, RevokedReason), stop.Token);
                        break;
                    case "listen" when accountId is null:
                        await SendErrorAsync(sender, "authenticate first", stop.Token);
                        break;
                    case "listen":
                        var streams = (data?["streams"] as JsonArray)?.Select(s => s?.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null)
                            .OfType<string>().ToList() ?? [];
                        var listening = streams.Contains(TradeUpdates);
                        if (listening && listener is null)
                        {
                            // Follow the stream before reading the state, so nothing between the two is lost.
                            listener = await bridge.ListenAsync(accountId, queue);
                            var state = await cluster.GetGrain<IPositionBookGrain>(accountId).GetStateAsync();
                            var translator = new TradeUpdateTranslator(state?.Positions ?? [], state?.OpenOrders ?? []);
                            pump = PumpAsync(sender, queue.Reader, translator, state?.Sequence ?? 0, stop.Token);
                            doneForDay = DoneForDayAsync(accountId, sender, stop.Token);
                        }
                        await sender.SendAsync(new { stream = "listening", data = new { streams = listener is null ? Array.Empty<string>() : [TradeUpdates] } }, stop.Token);
                        break;
                    default:
                        await SendErrorAsync(sender, message is null ? "invalid syntax" : $"unrecognized action '{action}'", stop.Token);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException e)
        {
            logger.LogDebug(e, "Alpaca stream of account {AccountId} ended abruptly", accountId);
        }
        finally
        {
            revocations.Revoked -= OnRevoked;
            await stop.CancelAsync();
            if (pump is not null) await pump.ContinueWith(_ => { }, TaskScheduler.Default);
            if (keyWatch is not null) await keyWatch.ContinueWith(_ => { }, TaskScheduler.Default);
            if (doneForDay is not null) await doneForDay.ContinueWith(_ => { }, TaskScheduler.Default);
            if (listener is not null) await listener.DisposeAsync();
            if (sender.CloseReason is { } reason)
                logger.LogInformation("Alpaca stream of account {AccountId} closed by the server: {Reason}", accountId, reason);
            await sender.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        }
    }

    /// <summary>
    /// Re-reads the key every <see cref="KeyCheckInterval"/>: a key revoked through another host (which cannot tell this
    /// one at once) still ends the socket. One revoked here is announced by <see cref="ApiKeyRevocations"/> instead.
    /// </summary>
    private async Task WatchKeyAsync(string keyId, Action revoked, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(KeyCheckInterval, time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (await cluster.GetGrain<IApiKeyGrain>(keyId).GetAsync() is { Revoked: false }) continue;
                revoked();
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not re-check API key {KeyId} of an Alpaca stream", keyId);
        }
    }

    /// <summary>Checks the key as the REST scheme does (its grain, no cache) and picks the account the key trades; null when refused.</summary>
    private async Task<(string? AccountId, string? KeyId)> AuthenticateAsync(JsonObject? data, HttpContext http)
    {
        var keyId = data?["key_id"] is JsonValue k && k.TryGetValue<string>(out var kid) ? kid : null;
        var secret = data?["secret_key"] is JsonValue s && s.TryGetValue<string>(out var sec) ? sec : null;
        if (!ApiKeyCredentials.IsKeyId(keyId) || secret is null or { Length: 0 or > 256})
            return (null, null);
        var check = await cluster.GetGrain<IApiKeyGrain>(keyId!).VerifyAsync(Secrets.Hash(secret), time.GetUtcNow());
        if (check.Verdict != ApiKeyVerdict.Accepted)
        {
            logger.LogWarning("Alpaca stream refused API key {KeyId} from {RemoteIp}: {Verdict}", keyId, http.Connection.RemoteIpAddress, check.Verdict);
            return (null, null);
        }
        var account = await accounts.ResolveAsync(ApiKeyAuthentication.Principal(check.OwnerUserId!, keyId!), null);
        if (account.AccountId is null)
            logger.LogInformation("Alpaca stream key {KeyId} has no account to follow: {Refusal}", keyId, account.Refusal);
        return (account.AccountId, account.AccountId is null ? null : keyId);
    }

    private async Task PumpAsync(AlpacaStreamSender sender, ChannelReader<AccountEvent> events, TradeUpdateTranslator translator,
        long startSequence, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in events.ReadAllAsync(cancellationToken))
            {
                if (sender.IsClosing) return;
                if (e.Sequence <= startSequence && e is not (AccountUpdated or EvaluationUpdated)) continue;
                foreach (var update in translator.Translate(e))
                    await sender.SendAsync(new { stream = TradeUpdates, data = await FrameAsync(update) }, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>
    /// Sends <c>done_for_day</c> for each gtc order still working when its instrument's session closes (<see cref="DoneForDay"/>).
    /// The working orders are re-read at least every <see cref="DoneForDayRecheck"/>, and again at the close itself.
    /// </summary>
    private async Task DoneForDayAsync(string accountId, AlpacaStreamSender sender, CancellationToken cancellationToken)
    {
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = sessionClock.GetUtcNow();
                var (orders, instrument) = await WorkingAsync(book, cancellationToken);
                if (DoneForDay.Next(orders, instrument, now) is not { } next || next.At - now > DoneForDayRecheck)
                {
                    await Task.Delay(DoneForDayRecheck, sessionClock, cancellationToken);
                    continue;
                }
                if (next.At > now) await Task.Delay(next.At - now, sessionClock, cancellationToken);
                // Read again at the close: what is still working then is done for the day.
                (orders, instrument) = await WorkingAsync(book, cancellationToken);
                if (DoneForDay.Next(orders, instrument, next.At.AddTicks(-1)) is { } closing && closing.At == next.At)
                    foreach (var order in closing.Orders)
                        await sender.SendAsync(new { stream = TradeUpdates, data = await FrameAsync(
                            new TradeUpdate("done_for_day", order, next.At, $"{order.Id}-done-{next.At.UtcDateTime:yyyyMMddHHmm}")) }, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Alpaca stream of account {AccountId} stopped sending done_for_day", accountId);
        }
    }

    private async Task<(IReadOnlyList<Order> Orders, Func<string, InstrumentSpec?> Instrument)> WorkingAsync(IPositionBookGrain book, CancellationToken cancellationToken)
    {
        var orders = await book.GetOrdersAsync(OrderStatusFilter.Open);
        var specs = new Dictionary<string, InstrumentSpec?>(StringComparer.Ordinal);
        foreach (var symbol in orders.Select(o => o.Symbol).Distinct())
            specs[symbol] = await directory.FindAsync(symbol, cancellationToken);
        return (orders, symbol => specs.GetValueOrDefault(symbol));
    }

    private async Task<JsonObject> FrameAsync(TradeUpdate update)
    {
        var data = new JsonObject
        {
            ["event"] = update.Event,
            ["execution_id"] = update.ExecutionId,
            ["timestamp"] = AlpacaJson.Time(update.Timestamp),
        };
        if (update.Fill is { } fill)
        {
            data["price"] = AlpacaJson.Number(fill.Price);
            data["qty"] = AlpacaJson.Number(fill.Quantity);
            data["position_qty"] = AlpacaJson.Number(update.PositionQty ?? 0m);
        }
        data["order"] = JsonSerializer.SerializeToNode(await views.OrderAsync(update.Order), AlpacaJson.Options);
        return data;
    }

    private static Task SendErrorAsync(AlpacaStreamSender sender, string message, CancellationToken cancellationToken) =>
        sender.SendAsync(new { stream = "error", data = new { error_message = message } }, cancellationToken);

    /// <summary>One whole frame's text, or null when the client closes; a frame past 64 KiB closes the socket.</summary>
    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            text.Write(buffer, 0, result.Count);
            if (text.Length > MaxFrameBytes)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "frame too large", cancellationToken);
                return null;
            }
            if (result.EndOfMessage) return Encoding.UTF8.GetString(text.ToArray());
        }
    }

    private static JsonObject? Parse(string frame)
    {
        try
        {
            return JsonNode.Parse(frame) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
