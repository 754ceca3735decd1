using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Parley.Consensus.Internal.Transport;

/// <summary>The Raft side of the <see cref="ServerPort"/>, as DotNext's server sees it: accepted Raft connections.</summary>
internal sealed class RaftConnectionListener(EndPoint endPoint) : IConnectionListener
{
    private readonly Channel<ConnectionContext> _accepted = Channel.CreateBounded<ConnectionContext>(
        new BoundedChannelOptions(64) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    public EndPoint EndPoint => endPoint;

    /// <summary>Queues a Raft connection for DotNext; false when the listener is closed or its queue is full.</summary>
    public bool TryAccept(ConnectionContext connection) => _accepted.Writer.TryWrite(connection);

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _accepted.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _accepted.Writer.TryComplete();
        while (_accepted.Reader.TryRead(out var connection))
        {
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
