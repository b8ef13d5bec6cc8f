using System.Net.WebSockets;
using System.Text.Json;

namespace Crucible.Api.Alpaca;

/// <summary>
/// The sending side of one <c>/stream</c> socket: frames go out one at a time, and the socket is ended once, by a close
/// frame that says why (a revoked key, a client too slow to keep up). A frame stuck behind a client that does not read is
/// given <paramref name="grace"/> to finish before the socket is aborted instead.
/// </summary>
internal sealed class AlpacaStreamSender(WebSocket socket, TimeSpan grace)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private int closing;

    /// <summary>Why the server ended the socket, once it has.</summary>
    public string? CloseReason { get; private set; }

    public bool IsClosing => Volatile.Read(ref closing) != 0;

    /// <summary>Sends one JSON frame; nothing once the socket is being closed.</summary>
    public async Task SendAsync(object frame, CancellationToken cancellationToken)
    {
        if (IsClosing) return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, AlpacaJson.Options);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsClosing) await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Ends the socket with a close frame carrying <paramref name="reason"/> (at most once; later calls do nothing). When the
    /// frame cannot go out within the grace (a send stuck behind a full client), the socket is aborted.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref closing, 1) != 0) return;
        CloseReason = reason;
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
