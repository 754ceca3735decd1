using Microsoft.Extensions.Logging.Abstractions;
using Parley.Mesh.Ca;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Machine;
using Parley.State.Store;

namespace Parley.Mesh.Tests;

/// <summary>
/// A real state store behind a one-server "log": each command is applied at once by a real state machine at the next
/// index. Lets the CA's routines run as on a leader.
/// </summary>
internal sealed class TestCaState : IReplicator
{
    private readonly Lock _lock = new();
    private readonly StateMachine _machine;
    private long _index;

    public TestCaState() => _machine = new StateMachine(Store, NullLogger<StateMachine>.Instance);

    public StateStore Store { get; } = new();

    public ClusterStatus Status => new(true, "127.0.0.1:8300", TimeSpan.Zero, ["127.0.0.1:8300"]);

    /// <summary>Writes <paramref name="state"/> as the CA's system value.</summary>
    public void Write(ConnectCaState state) =>
        ApplyAsync(new SetSystemValue(ConnectCa.StateKey, state.ToJson()), CancellationToken.None).AsTask().Result.ThrowIfRejected();

    /// <summary>The CA state as readers see it.</summary>
    public ConnectCaState Read() => ConnectCaState.Read(Store.Current)!;

    public ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_machine.Apply(++_index, CommandCodec.Encode(command)));
        }
    }

    public ValueTask ReadBarrierAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask LeaderReadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<byte[]> QueryLeaderAsync(string name, ReadOnlyMemory<byte> request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("no leader queries here");
}
