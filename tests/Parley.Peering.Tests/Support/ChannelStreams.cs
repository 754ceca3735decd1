using System.Threading.Channels;
using Grpc.Core;
using Parley.Peering.V1;

namespace Parley.Peering.Tests.Support;

/// <summary>A gRPC stream reader fed from a channel: what the test's fake peer sends.</summary>
internal sealed class ChannelStreamReader(ChannelReader<ReplicationMessage> source) : IAsyncStreamReader<ReplicationMessage>
{
    public ReplicationMessage Current { get; private set; } = null!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await source.WaitToReadAsync(cancellationToken))
        {
            return false;
        }

        Current = await source.ReadAsync(cancellationToken);
        return true;
    }
}

/// <summary>A gRPC stream writer into a channel: what the session sends to the test's fake peer.</summary>
internal sealed class ChannelStreamWriter(ChannelWriter<ReplicationMessage> target) : IServerStreamWriter<ReplicationMessage>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(ReplicationMessage message) => target.WriteAsync(message).AsTask();

    public Task WriteAsync(ReplicationMessage message, CancellationToken cancellationToken)
        => target.WriteAsync(message, cancellationToken).AsTask();
}
