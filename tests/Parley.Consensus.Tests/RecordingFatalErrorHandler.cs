namespace Parley.Consensus.Tests;

internal sealed class RecordingFatalErrorHandler : IFatalErrorHandler
{
    private int _calls;

    public TaskCompletionSource<Exception> Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls => Volatile.Read(ref _calls);

    public void OnFatalError(Exception exception)
    {
        Interlocked.Increment(ref _calls);
        Called.TrySetResult(exception);
    }
}
