namespace Parley.Consensus.Internal.Transport;

/// <summary>
/// The first byte a client sends on a new connection to the server port; it says which protocol follows. One port
/// then carries both Raft (DotNext's protocol) and Parley's server RPC (forwarded writes, joins), as Consul's port 8300
/// does with its own first-byte switch.
/// </summary>
internal static class Preamble
{
    /// <summary>DotNext's Raft protocol follows.</summary>
    public const byte Raft = (byte)'R';

    /// <summary>Parley's length-prefixed server RPC follows (see <see cref="Rpc.RpcFrame"/>).</summary>
    public const byte Rpc = (byte)'P';

    /// <summary>A TLS handshake follows; inside TLS, one of the other preambles (see <see cref="ServerPortTls"/>).</summary>
    public const byte Tls = (byte)'T';
}
