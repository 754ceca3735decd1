using Microsoft.Extensions.Time.Testing;
using Parley.Core.Time;

namespace Parley.Core.Tests.Time;

/// <summary>
/// Deadlines (the replicator's write, join and leader waits, RPC calls, the server port's preamble, the peer stream's
/// flush and drain) run on the injected clock.
/// </summary>
public sealed class DeadlineTests
{
    [Fact]
    public void Fires_WhenTheDelayHasPassedOnTheInjectedClock_NotBefore()
    {
        var time = new FakeTimeProvider();
        using var deadline = new Deadline(TimeSpan.FromSeconds(7), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(deadline.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Fires_WhenEitherGivenTokenFires()
    {
        var time = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var stopping = new CancellationTokenSource();
        using var first = new Deadline(TimeSpan.FromSeconds(7), time, caller.Token, stopping.Token);
        using var second = new Deadline(TimeSpan.FromSeconds(7), time, CancellationToken.None, stopping.Token);

        caller.Cancel();
        Assert.True(first.IsCancellationRequested);
        Assert.False(second.IsCancellationRequested);
        stopping.Cancel();
        Assert.True(second.IsCancellationRequested);
    }

    [Fact]
    public void Infinite_NeverFiresByItself()
    {
        var time = new FakeTimeProvider();
        using var deadline = new Deadline(Timeout.InfiniteTimeSpan, time, CancellationToken.None);

        time.Advance(TimeSpan.FromDays(365));
        Assert.False(deadline.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_SetLater_RunsOnTheInjectedClockFromThen()
    {
        var time = new FakeTimeProvider();
        using var deadline = new Deadline(Timeout.InfiniteTimeSpan, time, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));

        deadline.CancelAfter(TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(deadline.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_Zero_FiresAtOnce()
    {
        using var deadline = new Deadline(Timeout.InfiniteTimeSpan, new FakeTimeProvider(), CancellationToken.None);

        deadline.CancelAfter(TimeSpan.Zero);

        Assert.True(deadline.IsCancellationRequested);
    }
}
