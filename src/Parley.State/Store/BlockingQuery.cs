namespace Parley.State.Store;

/// <summary>
/// Consul's blocking queries: run a read against the current snapshot and, while the index it reports is
/// not past the caller's <c>?index=</c>, wait for the next publish, up to <c>?wait=</c>.
/// </summary>
public static class BlockingQuery
{
    /// <summary>Consul's default <c>?wait</c>.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);

    /// <summary>Consul's cap on <c>?wait</c>.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="query"/> until its index exceeds <paramref name="minIndex"/> or the wait ends.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="query">Reads one snapshot; returns the result and the index that result reflects.</param>
    /// <param name="minIndex">The caller's <c>?index</c>; 0 answers at once.</param>
    /// <param name="wait">The caller's <c>?wait</c>, or null for the default; capped at <see cref="MaxWait"/>.</param>
    /// <param name="timeProvider">The clock the wait runs on.</param>
    /// <param name="cancellationToken">Ends the wait early (the client went away).</param>
    public static async Task<QueryResult<T>> RunAsync<T>(
        StateStore store,
        Func<StateSnapshot, QueryResult<T>> query,
        long minIndex,
        TimeSpan? wait,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var next = store.NextChange;
        var result = query(store.Current);
        if (minIndex <= 0 || result.Index > minIndex)
        {
            return result;
        }

        var budget = wait is { } w && w > TimeSpan.Zero ? (w > MaxWait ? MaxWait : w) : DefaultWait;
        // Consul adds up to wait/16 of jitter so that many watchers do not return in lockstep.
        budget += TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * budget.Ticks / 16));
        using var timeout = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        while (true)
        {
            try
            {
                await next.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return query(store.Current);
            }

            next = store.NextChange;
            result = query(store.Current);
            if (result.Index > minIndex)
            {
                return result;
            }
        }
    }
}

/// <summary>A read's result and the index it reflects (the <c>X-Consul-Index</c>).</summary>
public readonly record struct QueryResult<T>(T Value, long Index);
