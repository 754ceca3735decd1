namespace Parley.Proxy.Config;

/// <summary>
/// A set of watches started and stopped by key as the configuration asks for them (the endpoints of each chain
/// target, the local mesh gateways): <see cref="Ensure"/> starts a watch once, <see cref="RetainOnly"/> stops the
/// ones no longer wanted.
/// </summary>
/// <remarks>Thread-safe. Disposing stops every watch.</remarks>
internal sealed class WatchGroup(CancellationToken stopping) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>The keys of the running watches.</summary>
    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Keys];
            }
        }
    }

    /// <summary>Starts <paramref name="run"/> under <paramref name="key"/> unless a watch with that key runs already.</summary>
    /// <returns>True when a watch was started.</returns>
    public bool Ensure(string key, Func<CancellationToken, Task> run)
    {
        CancellationTokenSource source;
        lock (_lock)
        {
            if (_running.ContainsKey(key) || stopping.IsCancellationRequested)
            {
                return false;
            }

            source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _running[key] = source;
        }

        _ = Task.Run(() => run(source.Token), CancellationToken.None);
        return true;
    }

    /// <summary>Stops every watch whose key is not in <paramref name="keys"/>.</summary>
    public void RetainOnly(IReadOnlySet<string> keys)
    {
        List<CancellationTokenSource> stopped = [];
        lock (_lock)
        {
            foreach (var key in _running.Keys.Where(k => !keys.Contains(k)).ToList())
            {
                stopped.Add(_running[key]);
                _running.Remove(key);
            }
        }

        foreach (var source in stopped)
        {
            source.Cancel();
            source.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => RetainOnly(new HashSet<string>());
}
