using Parley.Proxy.Config;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// What the config source tests share: two clusters' CAs, an agent in memory, the feed a source publishes to, and the
/// source's run, stopped and awaited when the test ends.
/// </summary>
/// <typeparam name="TSnapshot">What the source publishes.</typeparam>
public abstract class ConfigSourceHarness<TSnapshot> : IAsyncDisposable
    where TSnapshot : class
{
    /// <summary>How long any one wait may take.</summary>
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private Task? _running;

    /// <summary>Watch options with a short retry, so a refused read is retried quickly.</summary>
    protected static WatchOptions FastRetries { get; } = new() { RetryDelay = TimeSpan.FromMilliseconds(20) };

    private protected TestCluster Local { get; } = new("dc1");

    private protected TestCluster Peer { get; } = new("dc2");

    private protected FakeAgent Agent { get; } = new();

    protected SnapshotFeed<TSnapshot> Feed { get; } = new();

    protected CancellationTokenSource Stop { get; } = CancellationTokenSource.CreateLinkedTokenSource(
        TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(Bound, CancellationToken.None);
        }

        Stop.Dispose();
        Local.Dispose();
        Peer.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a source until the test ends.</summary>
    protected void Run(Func<SnapshotFeed<TSnapshot>, CancellationToken, Task> run) => _running = run(Feed, Stop.Token);

    /// <summary>The next published snapshot that satisfies <paramref name="predicate"/>, within <see cref="Bound"/>.</summary>
    protected async Task<TSnapshot> NextAsync(Func<TSnapshot, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stop.Token);
        timeout.CancelAfter(Bound);
        await foreach (var snapshot in Feed.ReadAllAsync(timeout.Token))
        {
            if (predicate(snapshot))
            {
                return snapshot;
            }
        }

        throw new TimeoutException();
    }
}
