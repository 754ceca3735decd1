namespace Parley.Consensus.Internal.Rpc;

/// <summary>What an <see cref="RpcRequest"/> asks for.</summary>
internal enum RpcKind
{
    /// <summary>Who are you, are you in a cluster, which servers do you know (bootstrap-expect and retry-join discovery).</summary>
    Hello = 1,

    /// <summary>Apply an encoded command on the leader and return its result (a follower forwarding a write).</summary>
    Apply = 2,

    /// <summary>Add the server at <see cref="RpcRequest.Address"/> to the Raft configuration (the leader does it).</summary>
    Join = 3,

    /// <summary>Remove the server at <see cref="RpcRequest.Address"/> from the Raft configuration (the leader does it).</summary>
    RemovePeer = 4,

    /// <summary>Restore the snapshot archive in <see cref="RpcRequest.Payload"/> through the log (the leader does it).</summary>
    Restore = 5,

    /// <summary>
    /// Answer the leader-only question <see cref="RpcRequest.Query"/> (an <c>ILeaderQuery</c>) with
    /// <see cref="RpcRequest.Payload"/> as its request; the answer comes back in <see cref="RpcResponse.Result"/>.
    /// </summary>
    Query = 6,

    /// <summary>Step down so the other voters elect a new leader (the leader does it; Consul's transfer-leader).</summary>
    TransferLeader = 7,
}
