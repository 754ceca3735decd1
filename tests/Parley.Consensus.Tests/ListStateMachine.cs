using System.Text;
using System.Text.Json;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Tests;

/// <summary>
/// A small state machine for the tests: keeps every applied payload as text, answers with the item count, and
/// snapshots the whole list. A <see cref="DeregisterCatalog"/> for node <c>poison</c> is unappliable; one for node
/// <c>slow</c> blocks in <see cref="Apply"/> until <see cref="ReleaseSlow"/>.
/// </summary>
internal sealed class ListStateMachine : IReplicatedStateMachine
{
    public const string PoisonNode = "poison";
    public const string SlowNode = "slow";

    private readonly Lock _lock = new();
    private readonly List<string> _items = [];
    private readonly TaskCompletionSource _slowGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastAppliedIndex;

    public TaskCompletionSource SlowEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long LastAppliedIndex
    {
        get
        {
            lock (_lock)
            {
                return _lastAppliedIndex;
            }
        }
    }

    /// <summary>The <see cref="LastAppliedIndex"/> restored from the most recent snapshot (0 if none was restored).</summary>
    public long RestoredIndex { get; private set; }

    public int SnapshotsWritten { get; private set; }

    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }
    }

    public CommandResult Apply(long index, ReadOnlySpan<byte> payload)
    {
        var command = CommandCodec.Decode(payload);
        if (command is DeregisterCatalog { Node: PoisonNode })
        {
            throw new CorruptCommandException("the test marked this entry unappliable");
        }

        if (command is DeregisterCatalog { Node: SlowNode })
        {
            SlowEntered.TrySetResult();
            _slowGate.Task.Wait(TimeSpan.FromSeconds(30));
        }

        lock (_lock)
        {
            Assert.True(index > _lastAppliedIndex, $"entry {index} applied after {_lastAppliedIndex}");
            _items.Add(Encoding.UTF8.GetString(payload));
            _lastAppliedIndex = index;
            return new CommandResult(index, _items.Count);
        }
    }

    public void ReleaseSlow() => _slowGate.TrySetResult();

    public async ValueTask WriteSnapshotAsync(Stream destination, CancellationToken cancellationToken)
    {
        Document document;
        lock (_lock)
        {
            document = new Document(_lastAppliedIndex, [.. _items]);
            SnapshotsWritten++;
        }

        await JsonSerializer.SerializeAsync(destination, document, cancellationToken: cancellationToken);
    }

    public async ValueTask RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken)
    {
        var document = await JsonSerializer.DeserializeAsync<Document>(source, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException("empty snapshot");
        lock (_lock)
        {
            _items.Clear();
            _items.AddRange(document.Items);
            _lastAppliedIndex = document.LastAppliedIndex;
            RestoredIndex = document.LastAppliedIndex;
        }
    }

    private sealed record Document(long LastAppliedIndex, List<string> Items);
}
