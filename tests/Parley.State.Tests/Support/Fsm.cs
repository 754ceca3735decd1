using Microsoft.Extensions.Logging.Abstractions;
using Parley.State.Commands;
using Parley.State.Machine;
using Parley.State.Store;

namespace Parley.State.Tests.Support;

/// <summary>A state machine over a fresh store that feeds it encoded commands, as the consensus layer does.</summary>
internal sealed class Fsm
{
    private long _lastIndex;

    public Fsm()
    {
        Store = new StateStore();
        Machine = new StateMachine(Store, NullLogger<StateMachine>.Instance);
    }

    public StateStore Store { get; }

    public StateMachine Machine { get; }

    public StateSnapshot State => Store.Current;

    /// <summary>The highest index handed to <see cref="ApplyAt"/> so far.</summary>
    public long LastIndex => _lastIndex;

    /// <summary>Applies <paramref name="command"/> at the next log index.</summary>
    public CommandResult Apply(Command command) => ApplyAt(_lastIndex + 1, command);

    /// <summary>Encodes <paramref name="command"/> and applies it at <paramref name="index"/>.</summary>
    public CommandResult ApplyAt(long index, Command command)
    {
        _lastIndex = Math.Max(_lastIndex, index);
        return Machine.Apply(index, CommandCodec.Encode(command));
    }

    /// <summary>Applies and asserts the command was not rejected.</summary>
    public CommandResult ApplyOk(Command command)
    {
        var result = Apply(command);
        Assert.IsNotAssignableFrom<Exception>(result.Value);
        return result;
    }
}
