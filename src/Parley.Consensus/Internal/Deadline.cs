namespace Parley.Consensus.Internal;

/// <summary>
/// A token that fires when the caller's token (or a second one, such as the replicator's stopping token) fires, or when
/// <c>delay</c> has passed on the injected <see cref="TimeProvider"/>. A linked source's <c>CancelAfter</c> always runs
/// on the wall clock; this runs the timeout on the clock the replicator was given, so tests can drive it.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    /// <param name="delay">The timeout; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="timeProvider">The clock the timeout runs on.</param>
    /// <param name="first">A token that ends the wait early.</param>
    /// <param name="second">Another one; <see langword="default"/> when there is none.</param>
    public Deadline(TimeSpan delay, TimeProvider timeProvider, CancellationToken first, CancellationToken second = default)
    {
        _timer = new CancellationTokenSource(delay, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(first, second, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool IsCancellationRequested => _linked.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
