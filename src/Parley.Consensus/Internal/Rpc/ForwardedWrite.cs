using Parley.State.Commands;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>What the leader answered to a forwarded write.</summary>
/// <param name="Index">The log index the entry was committed at.</param>
/// <param name="Result">What the leader's state machine returned for it.</param>
internal sealed record ForwardedWrite(long Index, CommandResult Result);
