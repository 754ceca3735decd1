namespace Parley.Core.Time;

/// <summary>
/// A token that fires when the caller's token (or a second one, such as a stopping token) fires, or when a delay has
/// passed on the injected <see cref="TimeProvider"/>. A linked source's <c>CancelAfter</c> always runs on the wall
/// clock; this runs the timeout on the clock the component was given, so tests can drive it.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    /// <param name="delay">The timeout; <see cref="Timeout.InfiniteTimeSpan"/> for none yet (see <see cref="CancelAfter"/>).</param>
    /// <param name="timeProvider">The clock the timeout runs on.</param>
    /// <param name="first">A token that ends the wait early.</param>
    /// <param name="second">Another one; <see langword="default"/> when there is none.</param>
    public Deadline(TimeSpan delay, TimeProvider timeProvider, CancellationToken first, CancellationToken second = default)
    {
        // Infinite still creates the provider's timer, so a later CancelAfter runs on the same clock.
        _timer = new CancellationTokenSource(delay, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(first, second, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool IsCancellationRequested => _linked.IsCancellationRequested;

    /// <summary>Fires after <paramref name="delay"/> from now on the injected clock (at once for zero), replacing the timeout.</summary>
    public void CancelAfter(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            _timer.Cancel();
        }
        else
        {
            _timer.CancelAfter(delay);
        }
    }

    /// <summary>Fires now.</summary>
    public Task CancelAsync() => _timer.CancelAsync();

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
