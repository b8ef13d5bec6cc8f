using System.Threading.Channels;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>
/// The events waiting to go out on one <c>/stream</c> socket, at most <paramref name="capacity"/>. The bridge only ever
/// tries to write (it must not wait on one socket), so a full queue means the client has fallen that far behind: the first
/// refused event calls <paramref name="overflowed"/> once, and the socket is closed rather than left to grow without end.
/// </summary>
internal sealed class TradeUpdateQueue(int capacity, Action overflowed) : ChannelWriter<AccountEvent>
{
    private readonly Channel<AccountEvent> events = Channel.CreateBounded<AccountEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private int overflowCount;

    public ChannelReader<AccountEvent> Reader => events.Reader;

    public override bool TryWrite(AccountEvent item)
    {
        if (events.Writer.TryWrite(item)) return true;
        if (Interlocked.Increment(ref overflowCount) == 1) overflowed();
        return false;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => events.Writer.WaitToWriteAsync(cancellationToken);

    public override bool TryComplete(Exception? error = null) => events.Writer.TryComplete(error);
}
