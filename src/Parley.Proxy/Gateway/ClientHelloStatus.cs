namespace Parley.Proxy.Gateway;

/// <summary>What the first bytes of a connection say about its TLS server name so far.</summary>
public enum ClientHelloStatus
{
    /// <summary>A ClientHello has begun but is not complete: read more.</summary>
    Incomplete,

    /// <summary>A complete ClientHello with a <c>server_name</c> host name.</summary>
    ServerName,

    /// <summary>A complete, well-formed ClientHello without a host name.</summary>
    NoServerName,

    /// <summary>Not a TLS ClientHello (plain text, SSLv2, another record type, a malformed or oversized message).</summary>
    Invalid,
}
