namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// Kestrel's minimum request body data rate for the lean path: once a body has been waited for longer than the grace
/// period, the bytes received must average at least <see cref="Http1Limits.MinRequestBodyBytesPerSecond"/> over the time
/// spent waiting for them. Time spent passing them on (the receiver's backpressure) does not count, as in Kestrel.
/// </summary>
/// <remarks>One per connection, one body at a time; the timer is the injected clock's and is made on first use.</remarks>
/// <param name="timeProvider">The clock.</param>
/// <param name="tooSlow">Called (on a timer thread) when the body falls below the rate.</param>
internal sealed class RequestBodyRate(TimeProvider timeProvider, Action tooSlow) : IDisposable
{
    private ITimer? _timer;
    private long _bytes;
    private TimeSpan _waited;
    private long _readingSince;
    private volatile bool _reading;

    /// <summary>Starts on a new body.</summary>
    public void Begin()
    {
        _bytes = 0;
        _waited = TimeSpan.Zero;
    }

    /// <summary>A read is about to wait: the body times out if nothing arrives before the rate allows.</summary>
    public void Reading()
    {
        var earned = TimeSpan.FromSeconds(_bytes / Http1Limits.MinRequestBodyBytesPerSecond);
        var allowed = (earned > Http1Limits.MinRequestBodyGracePeriod ? earned : Http1Limits.MinRequestBodyGracePeriod) - _waited;
        _readingSince = timeProvider.GetTimestamp();
        _reading = true;
        _timer ??= timeProvider.CreateTimer(
            static s => ((RequestBodyRate)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(allowed > TimeSpan.Zero ? allowed : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The read returned <paramref name="bytes"/>.</summary>
    public void Received(long bytes)
    {
        _reading = false;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _waited += timeProvider.GetElapsedTime(_readingSince);
        _bytes += bytes;
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    private void Fire()
    {
        // A read that returned just as the timer fired has already stopped the clock.
        if (_reading)
        {
            tooSlow();
        }
    }
}
