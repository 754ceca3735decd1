using System.Threading.Channels;

namespace Parley.Proxy.Config;

/// <summary>
/// Hands snapshots from a config source to a data plane: the latest one is always readable, and a reader that falls
/// behind sees only the newest (intermediate snapshots are skipped, never queued).
/// </summary>
/// <typeparam name="T">The snapshot type (<see cref="ProxySnapshot"/> for sidecars; the gateway has its own).</typeparam>
/// <remarks>Thread-safe; one writer and one reader.</remarks>
public sealed class SnapshotFeed<T>
    where T : class
{
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });

    private T? _latest;

    /// <summary>The last published snapshot, or null before the first.</summary>
    public T? Latest => Volatile.Read(ref _latest);

    /// <summary>Publishes a snapshot; a reader that has not taken the previous one gets only this one.</summary>
    public void Publish(T snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _latest, snapshot);
        _channel.Writer.TryWrite(snapshot);
    }

    /// <summary>Ends the feed; the reader's loop finishes once it has read what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Snapshots as they are published, until the feed completes or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
