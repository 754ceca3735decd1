namespace Parley.Core.ConfigEntries;

/// <summary>Transparent-proxy settings of a service or of all proxies.</summary>
public sealed record TransparentProxyConfig
{
    public int OutboundListenerPort { get; init; }

    public bool DialedDirectly { get; init; }
}
