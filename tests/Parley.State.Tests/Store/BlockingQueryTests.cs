using Microsoft.Extensions.Time.Testing;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Store;

public sealed class BlockingQueryTests
{
    // Every await is bounded: a blocking query that never returns fails the test instead of hanging it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly Fsm _fsm = new();
    private readonly FakeTimeProvider _time = new();

    public BlockingQueryTests()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "web-http", "web-1")));
        _fsm.ApplyAt(6, Register(Node("n2"), Service("n2", "db-1", "db")));
    }

    [Fact]
    public async Task RunAsync_MinIndexBelowCurrent_ReturnsAtOnce()
    {
        var task = Run(minIndex: 4, wait: TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(task.IsCompletedSuccessfully);
        var result = await task;
        Assert.Equal(5, result.Index);
        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task RunAsync_MinIndexZero_ReturnsAtOnce()
    {
        var task = Run(minIndex: 0, wait: null, TestContext.Current.CancellationToken);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(5, (await task).Index);
    }

    [Fact]
    public async Task RunAsync_MinIndexEqualsCurrent_WakesOnRelevantWriteWithItsIndex()
    {
        var task = Run(minIndex: 5, wait: TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.False(task.IsCompleted);

        // A write to another service publishes a snapshot but must not end the wait...
        _fsm.ApplyAt(7, new UpdateCheckStatus("n2", "nope", HealthStatus.Passing, ""));
        _fsm.ApplyAt(8, Register(Node("n2"), Service("n2", "db-1", "db", "v2")));
        // ...a write to "web" must, with the index of that write.
        _fsm.ApplyAt(9, new UpdateCheckStatus("n1", "web-http", HealthStatus.Critical, "down"));

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal(9, result.Index);
        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task RunAsync_InstanceAdded_ReturnsTheNewAnswer()
    {
        var task = Run(minIndex: 5, wait: TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        _fsm.ApplyAt(7, Register(Node("n2"), Service("n2", "web-2", "web")));

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal((2, 7L), (result.Value, result.Index));
    }

    [Fact]
    public async Task RunAsync_WaitElapsesWithoutChange_ReturnsUnchangedResult()
    {
        var wait = TimeSpan.FromSeconds(32);
        var task = Run(minIndex: 5, wait: wait, TestContext.Current.CancellationToken);

        // Just short of the wait nothing ends it (the jitter only ever adds time).
        _time.Advance(wait - TimeSpan.FromMilliseconds(1));
        _fsm.ApplyAt(7, Register(Node("n3")));
        Assert.False(task.IsCompleted);

        // Past wait + the largest jitter (wait/16) it must have returned.
        _time.Advance(wait / 16 + TimeSpan.FromMilliseconds(2));

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal((1, 5L), (result.Value, result.Index));
    }

    [Fact]
    public async Task RunAsync_WaitAboveMaximum_IsCappedAtTenMinutes()
    {
        var task = Run(minIndex: 5, wait: TimeSpan.FromHours(1), TestContext.Current.CancellationToken);

        _time.Advance(BlockingQuery.MaxWait + BlockingQuery.MaxWait / 16 + TimeSpan.FromSeconds(1));

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal(5, result.Index);
    }

    [Fact]
    public async Task RunAsync_NoWaitGiven_UsesFiveMinuteDefault()
    {
        var task = Run(minIndex: 5, wait: null, TestContext.Current.CancellationToken);

        _time.Advance(BlockingQuery.DefaultWait - TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.False(task.IsCompleted);

        _time.Advance(BlockingQuery.DefaultWait / 16 + TimeSpan.FromSeconds(2));

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal(5, result.Index);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var task = Run(minIndex: 5, wait: TimeSpan.FromMinutes(1), cts.Token);
        Assert.False(task.IsCompleted);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bound, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_SnapshotRestored_WakesWaiters()
    {
        var other = new Fsm();
        other.ApplyAt(20, Register(Node("n9"), Service("n9", "web-9", "web")));
        using var stream = new MemoryStream();
        await other.Machine.WriteSnapshotAsync(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var task = Run(minIndex: 5, wait: TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        await _fsm.Machine.RestoreSnapshotAsync(stream, TestContext.Current.CancellationToken);

        var result = await task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal((1, 20L), (result.Value, result.Index));
    }

    /// <summary>The shape of <c>/v1/health/service/web?index=&amp;wait=</c>: instance count and the service index.</summary>
    private Task<QueryResult<int>> Run(long minIndex, TimeSpan? wait, CancellationToken cancellationToken) =>
        BlockingQuery.RunAsync(
            _fsm.Store,
            s => new QueryResult<int>(s.CheckServiceNodes("web").Count(), s.ServiceIndex("web")),
            minIndex,
            wait,
            _time,
            cancellationToken);
}
