namespace Parley.Consensus.Internal.Rpc;

/// <summary>A server could not be connected to, so the request was never sent (retrying cannot apply it twice).</summary>
internal sealed class ServerUnreachableException(string message, Exception? inner = null) : IOException(message, inner);
