namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// A message of the server RPC whose bulk bytes (a command, a snapshot archive, an apply result) travel beside its JSON
/// header as raw bytes (<see cref="RpcFrame"/>), never inside it as base64.
/// </summary>
/// <typeparam name="TSelf">The message type.</typeparam>
internal interface IRpcMessage<TSelf>
    where TSelf : class, IRpcMessage<TSelf>
{
    /// <summary>The bytes carried beside the header; <see langword="null"/> or empty when there are none.</summary>
    byte[]? Body { get; }

    /// <summary>This message with <paramref name="body"/> as its bytes (what a reader got off the wire).</summary>
    TSelf WithBody(byte[]? body);
}
