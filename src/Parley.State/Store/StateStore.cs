namespace Parley.State.Store;

/// <summary>
/// Holds the current <see cref="StateSnapshot"/> and wakes blocking queries when a new one is published; remembers
/// which table indexes the last commits moved, so a watcher of many tables can look at only those.
/// </summary>
/// <remarks>
/// <see cref="Publish(StateSnapshot, IReadOnlyCollection{string})"/> is called by the FSM only, one call at a time.
/// Readers may call everything else from any thread; they never see a half-applied command.
/// </remarks>
public sealed class StateStore
{
    /// <summary>How many commits' changes are remembered. A watcher further behind looks at everything.</summary>
    public const int ChangeLogCapacity = 1024;

    private readonly Lock _changesLock = new();
    private readonly Queue<(long Index, IReadOnlyCollection<string> Tables)> _changes = new();

    // Changes are known for commits after this index only (0: since the empty store; a restore or eviction moves it).
    private long _changesFloor;

    // After a restore, an index up to this one may name a state from before the restore: nothing is known from there.
    private long _ambiguousUpTo = -1;

    private volatile StateSnapshot _current = StateSnapshot.Empty;

    // Completed and replaced on every publish. Invariant: a waiter that read this field before reading
    // _current is woken by any publish after that read.
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The latest published snapshot.</summary>
    public StateSnapshot Current => _current;

    /// <summary>A task that completes at the next publish. Take it before reading <see cref="Current"/>.</summary>
    public Task NextChange => _changed.Task;

    /// <summary>
    /// Makes <paramref name="snapshot"/> current and wakes every waiter, without knowing what changed (a restored
    /// snapshot): <see cref="TryGetChanges"/> answers false for anything before it.
    /// </summary>
    public void Publish(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_changesLock)
        {
            _changes.Clear();
            _changesFloor = snapshot.Index;
            _ambiguousUpTo = Math.Max(_ambiguousUpTo, Math.Max(snapshot.Index, _current.Index));
        }

        Swap(snapshot);
    }

    /// <summary>Makes the commit <paramref name="snapshot"/> current; <paramref name="touched"/> are the table indexes it moved.</summary>
    public void Publish(StateSnapshot snapshot, IReadOnlyCollection<string> touched)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(touched);

        // Recorded before the snapshot becomes current, so whoever reads it can also read what it changed.
        lock (_changesLock)
        {
            _changes.Enqueue((snapshot.Index, touched));
            while (_changes.Count > ChangeLogCapacity)
            {
                _changesFloor = _changes.Dequeue().Index;
            }
        }

        Swap(snapshot);
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the table keys (<see cref="Tables"/>) moved by the commits after
    /// <paramref name="sinceIndex"/> up to <paramref name="upToIndex"/>. False when the store cannot say (too far back,
    /// or a snapshot was restored in between): the caller must then treat everything as changed.
    /// </summary>
    public bool TryGetChanges(long sinceIndex, long upToIndex, ISet<string> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_changesLock)
        {
            if (sinceIndex < _changesFloor || sinceIndex <= _ambiguousUpTo || sinceIndex > upToIndex)
            {
                return false;
            }

            foreach (var (index, tables) in _changes)
            {
                if (index > sinceIndex && index <= upToIndex)
                {
                    into.UnionWith(tables);
                }
            }

            return true;
        }
    }

    private void Swap(StateSnapshot snapshot)
    {
        _current = snapshot;
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
