namespace Parley.Core.Exports;

/// <summary>
/// What a peer must know about a connect-exported service besides where to dial it (Consul's
/// <c>ExportedDiscoveryChainInfo</c>): its protocol, and for a non-HTTP protocol the other local services its
/// discovery chain can send a connection to, whose identities the dialer must accept too.
/// </summary>
/// <param name="Protocol">The chain's protocol: <c>tcp</c> (the default), <c>http</c>, <c>http2</c> or <c>grpc</c>.</param>
/// <param name="TcpTargets">Other services a TCP chain may land on, sorted; empty for HTTP-like protocols.</param>
public sealed record ExportedChainInfo(string Protocol, IReadOnlyList<string> TcpTargets)
{
    /// <summary>The info of a service with no chain entries and no protocol configured.</summary>
    public static readonly ExportedChainInfo Tcp = new("tcp", []);

    /// <summary>Equal protocol and the same targets in the same order.</summary>
    public bool Equals(ExportedChainInfo? other) =>
        other is not null && Protocol == other.Protocol && TcpTargets.SequenceEqual(other.TcpTargets, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Protocol, TcpTargets.Count);
}
