using Parley.Core.Connect.Gateway;

namespace Parley.Proxy.Gateway;

/// <summary>One SNI the gateway serves, ready to run: <see cref="PassthroughRoute"/> or <see cref="TerminatingRoute"/>.</summary>
public abstract record GatewayRouteSnapshot
{
    /// <summary>What the SNI means.</summary>
    public required MeshGatewayRoute Route { get; init; }
}
