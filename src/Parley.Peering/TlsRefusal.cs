using Grpc.Core;
using Parley.Mesh;

namespace Parley.Peering;

/// <summary>
/// Puts the reason the peer's certificate was refused into a failed call's status, in the words of Consul's (gRPC-Go's)
/// dialer: the TLS stack only says the certificate was rejected by the callback, while an operator needs
/// <c>x509: certificate signed by unknown authority</c> in the establish error and in <c>StreamStatus.LastError</c>.
/// </summary>
internal static class TlsRefusal
{
    /// <summary>The failure restated with the refusal, or null when <paramref name="validator"/> refused nothing.</summary>
    public static RpcException? Explain(RpcException failure, PeerCertificateValidator? validator) =>
        validator?.LastRefusal is { } refusal
            ? new RpcException(new Status(
                StatusCode.Unavailable, $"connection error: desc = \"transport: authentication handshake failed: {refusal}\"", failure))
            : null;
}
