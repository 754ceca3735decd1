using System.Collections.Concurrent;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// Idle keep-alive connections per endpoint, most recently used first (the warmest connection is reused; the rest age
/// out). A connection idle longer than <see cref="Http1Limits.PooledIdleTimeout"/> is closed, one idle for more than a
/// second is checked before reuse, and at most <see cref="MaxIdlePerEndpoint"/> are kept per endpoint.
/// </summary>
/// <remarks>Thread-safe. Disposing closes every idle connection; connections returned afterwards are closed.</remarks>
internal sealed class Http1ConnectionPool : IDisposable
{
    /// <summary>The most idle connections kept per endpoint.</summary>
    public const int MaxIdlePerEndpoint = 256;

    private static readonly TimeSpan CheckAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Address, int Port), ConcurrentStack<UpstreamConnection>> _idle = new();
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;
    private int _disposed;

    /// <summary>A pool on <paramref name="timeProvider"/>'s clock.</summary>
    public Http1ConnectionPool(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _sweeper = timeProvider.CreateTimer(_ => Sweep(), null, Http1Limits.PooledIdleTimeout / 2, Http1Limits.PooledIdleTimeout / 2);
    }

    /// <summary>An idle connection to the endpoint that still looks usable, or null.</summary>
    public UpstreamConnection? Rent(string address, int port)
    {
        if (!_idle.TryGetValue((address, port), out var stack))
        {
            return null;
        }

        while (stack.TryPop(out var connection))
        {
            var idle = _timeProvider.GetElapsedTime(connection.IdleSince);
            if (idle < Http1Limits.PooledIdleTimeout && (idle < CheckAfter || connection.LooksAlive()))
            {
                return connection;
            }

            connection.Abort();
        }

        return null;
    }

    /// <summary>
    /// Keeps <paramref name="connection"/> for the next request to the endpoint (or closes it when the pool is full or gone).
    /// </summary>
    public void Return(string address, int port, UpstreamConnection connection)
    {
        var stack = _idle.GetOrAdd((address, port), static _ => new ConcurrentStack<UpstreamConnection>());
        if (Volatile.Read(ref _disposed) != 0 || connection.IsDisposed || stack.Count >= MaxIdlePerEndpoint)
        {
            connection.Abort();
            return;
        }

        connection.Reused = true;
        connection.IdleSince = _timeProvider.GetTimestamp();
        stack.Push(connection);
        if (Volatile.Read(ref _disposed) != 0)
        {
            CloseAll();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sweeper.Dispose();
            CloseAll();
        }
    }

    private void Sweep()
    {
        foreach (var stack in _idle.Values)
        {
            var kept = new List<UpstreamConnection>();
            while (stack.TryPop(out var connection))
            {
                if (_timeProvider.GetElapsedTime(connection.IdleSince) < Http1Limits.PooledIdleTimeout)
                {
                    kept.Add(connection);
                }
                else
                {
                    connection.Abort();
                }
            }

            // Oldest first, so the most recently used is on top again.
            for (var i = kept.Count - 1; i >= 0; i--)
            {
                stack.Push(kept[i]);
            }
        }
    }

    private void CloseAll()
    {
        foreach (var stack in _idle.Values)
        {
            while (stack.TryPop(out var connection))
            {
                connection.Abort();
            }
        }
    }
}
