using Microsoft.Extensions.Time.Testing;
using Parley.Consensus.Internal;

namespace Parley.Consensus.Tests;

/// <summary>The replicator's deadlines (write timeout, join timeout, leader wait) run on its injected clock.</summary>
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
}
