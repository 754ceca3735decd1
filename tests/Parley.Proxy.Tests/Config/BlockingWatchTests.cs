using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Proxy.Config;

namespace Parley.Proxy.Tests.Config;

public sealed class BlockingWatchTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>A scripted agent: each query receives the index it was sent and waits for the test's answer.</summary>
    private sealed class ScriptedQueries
    {
        public Channel<ulong> Asked { get; } = Channel.CreateUnbounded<ulong>();

        public Channel<Func<(string, ulong)>> Answers { get; } = Channel.CreateUnbounded<Func<(string, ulong)>>();

        public async Task<(string Value, ulong Index)> QueryAsync(ulong index, TimeSpan wait, CancellationToken cancellationToken)
        {
            await Asked.Writer.WriteAsync(index, cancellationToken);
            var answer = await Answers.Reader.ReadAsync(cancellationToken);
            return answer();
        }
    }

    private static async Task<T> Next<T>(ChannelReader<T> reader) =>
        await reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);

    [Fact]
    public async Task RunAsync_HandsOnChangesAndBlocksOnTheLastIndex()
    {
        var queries = new ScriptedQueries();
        var changes = Channel.CreateUnbounded<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watch = new BlockingWatch<string>("test", queries.QueryAsync, v => changes.Writer.TryWrite(v), new WatchOptions(),
            TimeProvider.System, NullLogger.Instance);
        var run = watch.RunAsync(stop.Token);

        Assert.Equal(0UL, await Next(queries.Asked.Reader));
        queries.Answers.Writer.TryWrite(() => ("a", 5));
        Assert.Equal("a", await Next(changes.Reader));
        Assert.Equal(5UL, await Next(queries.Asked.Reader));

        // The wait timed out with the same index: nothing changed, nothing handed on.
        queries.Answers.Writer.TryWrite(() => ("a", 5));
        Assert.Equal(5UL, await Next(queries.Asked.Reader));
        queries.Answers.Writer.TryWrite(() => ("b", 9));
        Assert.Equal("b", await Next(changes.Reader));
        Assert.Equal(9UL, await Next(queries.Asked.Reader));

        // The index went backwards (the agent restarted): start over from 0.
        queries.Answers.Writer.TryWrite(() => ("c", 2));
        Assert.Equal("c", await Next(changes.Reader));
        Assert.Equal(0UL, await Next(queries.Asked.Reader));

        await stop.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.False(changes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RunAsync_Failure_RetriesAfterAGrowingDelay()
    {
        var clock = new SignallingClock();
        var queries = new ScriptedQueries();
        var changes = Channel.CreateUnbounded<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var options = new WatchOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(3) };
        var watch = new BlockingWatch<string>(
            "test", queries.QueryAsync, v => changes.Writer.TryWrite(v), options, clock, NullLogger.Instance);
        var run = watch.RunAsync(stop.Token);

        foreach (var expected in new[] { 1, 2, 3 })
        {
            Assert.Equal(0UL, await Next(queries.Asked.Reader));
            queries.Answers.Writer.TryWrite(() => throw new HttpRequestException("agent down"));

            // Not retried before the delay has passed.
            Assert.Equal(TimeSpan.FromSeconds(expected), await Next(clock.Armed.Reader));
            clock.Advance(TimeSpan.FromSeconds(expected) - TimeSpan.FromMilliseconds(1));
            Assert.False(queries.Asked.Reader.TryRead(out _));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(0UL, await Next(queries.Asked.Reader));
        queries.Answers.Writer.TryWrite(() => ("up", 3));
        Assert.Equal("up", await Next(changes.Reader));

        await stop.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_AnswerCompletedOnAnotherThread_HandsOnChangesOnTheThreadPool()
    {
        // As an answer that completes on the socket engine's event thread in a proxy process (inline completions): the
        // snapshot must not be built there, where it would hold up every connection the thread serves.
        var answer = new TaskCompletionSource<(string, ulong)>();
        var seen = new TaskCompletionSource<(int Thread, bool Pool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watch = new BlockingWatch<string>(
            "test",
            (index, _, cancellationToken) => index == 0 ? answer.Task : BlockForeverAsync(cancellationToken),
            _ => seen.TrySetResult((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread)),
            new WatchOptions(),
            TimeProvider.System,
            NullLogger.Instance);
        var run = watch.RunAsync(stop.Token);
        var completer = new Thread(() => answer.SetResult(("value", 1)));
        completer.Start();

        var (thread, pool) = await seen.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.True(pool);
        Assert.NotEqual(completer.ManagedThreadId, thread);
        await stop.CancelAsync();
        await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void RetryDelayAfter_DoublesUpToTheCap()
    {
        var options = new WatchOptions { RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(
            [100, 200, 400, 800, 1000, 1000],
            new[] { 1, 2, 3, 4, 5, 50 }.Select(n => options.RetryDelayAfter(n).TotalMilliseconds));
    }

    private static async Task<(string, ulong)> BlockForeverAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ("never", 0);
    }

    /// <summary>A fake clock that says when a timer is armed, so the test advances time only once the loop waits.</summary>
    private sealed class SignallingClock : FakeTimeProvider
    {
        public Channel<TimeSpan> Armed { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Armed.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
