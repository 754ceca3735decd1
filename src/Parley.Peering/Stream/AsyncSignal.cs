namespace Parley.Peering.Stream;

/// <summary>A resettable wake-up: <see cref="Set"/> completes <see cref="Task"/> until the next <see cref="Reset"/>.</summary>
/// <remarks>Thread-safe. Reset before reading the state the signal guards, so a Set in between is never lost.</remarks>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => Volatile.Read(ref _source).Task;

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    public void Reset()
    {
        var current = Volatile.Read(ref _source);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }
}
