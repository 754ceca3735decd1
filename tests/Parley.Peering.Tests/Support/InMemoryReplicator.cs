using Microsoft.Extensions.Logging.Abstractions;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Machine;
using Parley.State.Store;

namespace Parley.Peering.Tests.Support;

/// <summary>A one-server "log": applies each command to a real state machine at the next index, at once.</summary>
internal sealed class InMemoryReplicator : IReplicator
{
    private readonly Lock _lock = new();
    private readonly StateMachine _machine;
    private long _index;

    public InMemoryReplicator(StateStore store)
    {
        Store = store;
        _machine = new StateMachine(store, NullLogger<StateMachine>.Instance);
    }

    public StateStore Store { get; }

    public bool IsLeader { get; set; } = true;

    public List<Command> Applied { get; } = [];

    public ClusterStatus Status => new(IsLeader, "127.0.0.1:8300", TimeSpan.Zero, ["127.0.0.1:8300"]);

    /// <summary>While set, every apply waits for this task first (and says so on <see cref="Waiting"/>): a slow log.</summary>
    public Task? Hold { get; set; }

    /// <summary>Completed once an apply waits on <see cref="Hold"/>.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken) =>
        Hold is { } hold ? ApplyAfterAsync(hold, command, cancellationToken) : ValueTask.FromResult(ApplyNow(command));

    private async ValueTask<CommandResult> ApplyAfterAsync(Task hold, Command command, CancellationToken cancellationToken)
    {
        Waiting.TrySetResult();
        await hold.WaitAsync(cancellationToken);
        return ApplyNow(command);
    }

    private CommandResult ApplyNow(Command command)
    {
        lock (_lock)
        {
            Applied.Add(command);
            return _machine.Apply(++_index, CommandCodec.Encode(command));
        }
    }

    /// <summary>Applies and throws a rejection.</summary>
    public CommandResult Apply(Command command) => ApplyAsync(command, CancellationToken.None).AsTask().Result.ThrowIfRejected();

    public ValueTask ReadBarrierAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask LeaderReadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The leader queries this "leader" answers (<see cref="QueryLeaderAsync"/>).</summary>
    public List<ILeaderQuery> LeaderQueries { get; } = [];

    /// <summary>Answers from <see cref="LeaderQueries"/>, as if this server led (whatever <see cref="IsLeader"/> says).</summary>
    public async ValueTask<byte[]> QueryLeaderAsync(string name, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        var query = LeaderQueries.FirstOrDefault(q => q.Name == name)
            ?? throw new InvalidOperationException($"No leader query is named \"{name}\".");
        return await query.AnswerAsync(request, cancellationToken);
    }
}
