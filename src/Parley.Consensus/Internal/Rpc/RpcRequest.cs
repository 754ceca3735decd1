using System.Text.Json.Serialization;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>A request from one server to another over the server port.</summary>
/// <param name="Kind">What is asked.</param>
/// <param name="From">The sender's advertised server address.</param>
/// <param name="Payload">
/// The encoded command (<see cref="RpcKind.Apply"/>), snapshot archive (<see cref="RpcKind.Restore"/>) or query request
/// (<see cref="RpcKind.Query"/>); the frame's body, not part of the JSON header.
/// </param>
/// <param name="Address">The server to add or remove (<see cref="RpcKind.Join"/>, <see cref="RpcKind.RemovePeer"/>).</param>
/// <param name="Known">Servers the sender knows of (<see cref="RpcKind.Hello"/>), so discovery is transitive.</param>
/// <param name="Query">The name of the leader query to run (<see cref="RpcKind.Query"/>).</param>
internal sealed record RpcRequest(
    RpcKind Kind,
    string From,
    [property: JsonIgnore] byte[]? Payload = null,
    string? Address = null,
    IReadOnlyList<string>? Known = null,
    string? Query = null) : IRpcMessage<RpcRequest>
{
    /// <inheritdoc/>
    [JsonIgnore]
    public byte[]? Body => Payload;

    /// <inheritdoc/>
    public RpcRequest WithBody(byte[]? body) => this with { Payload = body };
}
