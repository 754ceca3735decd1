namespace Parley.Core.Gateways;

/// <summary>
/// One service a gateway's config entry links to (Consul's <c>GatewayService</c>): the row
/// <c>/v1/catalog/gateway-services/:gateway</c> answers and <c>/v1/health/ingress/:service</c> follows.
/// </summary>
/// <param name="Gateway">The gateway's name (its config entry's name).</param>
/// <param name="Service">The linked service.</param>
/// <param name="GatewayKind"><c>ingress-gateway</c> or <c>terminating-gateway</c>.</param>
public sealed record GatewayServiceLink(string Gateway, string Service, string GatewayKind)
{
    /// <summary>The ingress listener's port (0 for terminating gateways).</summary>
    public long Port { get; init; }

    /// <summary>The ingress listener's protocol ("" for terminating gateways).</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The ingress service's hosts.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The terminating gateway's TLS origination files and SNI.</summary>
    public string CAFile { get; init; } = "";

    /// <summary>The client certificate the terminating gateway presents.</summary>
    public string CertFile { get; init; } = "";

    /// <summary>The client key the terminating gateway uses.</summary>
    public string KeyFile { get; init; } = "";

    /// <summary>The SNI the terminating gateway sends.</summary>
    public string SNI { get; init; } = "";

    /// <summary>True when the link comes from a <c>*</c> service in the entry.</summary>
    public bool FromWildcard { get; init; }

    /// <summary>Raft indexes of the config entry that made the link.</summary>
    public long CreateIndex { get; init; }

    /// <summary>Raft index of the entry's last change.</summary>
    public long ModifyIndex { get; init; }
}
