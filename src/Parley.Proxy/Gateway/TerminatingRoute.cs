using Parley.Proxy.Config;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <summary>
/// A peered SNI of an exported HTTP service: the gateway terminates the caller's mTLS with its own leaf, accepting only a
/// client certificate from the peer the SNI names, runs the exporter's chain, and re-originates mTLS to the sidecars.
/// </summary>
public sealed record TerminatingRoute : GatewayRouteSnapshot
{
    /// <summary>The bundle of the peer whose SNI this is: the only roots a caller's certificate may chain to.</summary>
    public required TrustStore ClientTrust { get; init; }

    /// <summary>
    /// The exporter's chain for the service (its <see cref="UpstreamSnapshot.Id"/> is the service name): local targets only,
    /// no failover, each target dialed with the gateway's leaf, the target's SNI and the service's SPIFFE ID.
    /// </summary>
    public required UpstreamSnapshot Chain { get; init; }
}
