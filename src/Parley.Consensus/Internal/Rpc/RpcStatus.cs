namespace Parley.Consensus.Internal.Rpc;

/// <summary>How an RPC went.</summary>
internal enum RpcStatus
{
    /// <summary>Done; the response carries the result.</summary>
    Ok = 0,

    /// <summary>The server knows no leader right now.</summary>
    NoLeader = 1,

    /// <summary>The server is not the leader; <see cref="RpcResponse.Leader"/> names the one it knows, if any.</summary>
    NotLeader = 2,

    /// <summary>The request was refused; <see cref="RpcResponse.Code"/> says why, as a Parley error code.</summary>
    Rejected = 3,

    /// <summary>The server failed to carry out the request; <see cref="RpcResponse.Message"/> says how.</summary>
    Failed = 4,
}
