using System.Text.Json.Serialization;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>The answer to an <see cref="RpcRequest"/>.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Message">Why it failed, for a person.</param>
/// <param name="Code">The Parley error code of a <see cref="RpcStatus.Rejected"/> request.</param>
/// <param name="Leader">The leader the answering server knows, if any.</param>
/// <param name="Index">The log index of an applied entry.</param>
/// <param name="Result">
/// The encoded apply result (<see cref="ResultCodec"/>), or a leader query's answer; the frame's body, not part of the JSON
/// header.
/// </param>
/// <param name="InCluster">(Hello) the answering server is a voter of a formed cluster.</param>
/// <param name="Known">(Hello) the servers the answering server knows of, itself included.</param>
internal sealed record RpcResponse(
    RpcStatus Status,
    string? Message = null,
    int? Code = null,
    string? Leader = null,
    long Index = 0,
    [property: JsonIgnore] byte[]? Result = null,
    bool InCluster = false,
    IReadOnlyList<string>? Known = null) : IRpcMessage<RpcResponse>
{
    /// <inheritdoc/>
    [JsonIgnore]
    public byte[]? Body => Result;

    /// <inheritdoc/>
    public RpcResponse WithBody(byte[]? body) => this with { Result = body };
}
