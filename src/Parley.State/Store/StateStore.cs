namespace Parley.State.Store;

/// <summary>
/// Holds the current <see cref="StateSnapshot"/> and wakes blocking queries when a new one is published.
/// </summary>
/// <remarks>
/// <see cref="Publish"/> is called by the FSM only, one call at a time. Readers may call everything else
/// from any thread; they never see a half-applied command.
/// </remarks>
public sealed class StateStore
{
    private volatile StateSnapshot _current = StateSnapshot.Empty;

    // Completed and replaced on every publish. Invariant: a waiter that read this field before reading
    // _current is woken by any publish after that read.
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The latest published snapshot.</summary>
    public StateSnapshot Current => _current;

    /// <summary>Makes <paramref name="snapshot"/> current and wakes every waiter.</summary>
    public void Publish(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = snapshot;
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>A task that completes at the next publish. Take it before reading <see cref="Current"/>.</summary>
    public Task NextChange => _changed.Task;
}
