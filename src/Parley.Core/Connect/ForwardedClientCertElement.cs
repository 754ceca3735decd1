namespace Parley.Core.Connect;

/// <summary>
/// One element of an <c>X-Forwarded-Client-Cert</c> header (Envoy's format): who forwarded it (<see cref="By"/>)
/// and what the client presented to that hop. Empty strings are fields the element does not carry.
/// </summary>
public sealed record ForwardedClientCertElement
{
    /// <summary>The URI SAN of the certificate of the hop that added the element (the proxy itself).</summary>
    public string By { get; init; } = "";

    /// <summary>Lower-case hex SHA-256 of the client certificate's DER.</summary>
    public string Hash { get; init; } = "";

    /// <summary>The client certificate as URL-encoded PEM (decoded when parsed).</summary>
    public string Cert { get; init; } = "";

    /// <summary>The client's full chain as URL-encoded PEM (decoded when parsed).</summary>
    public string Chain { get; init; } = "";

    /// <summary>The client certificate's subject; Consul's leaves have an empty one.</summary>
    public string Subject { get; init; } = "";

    /// <summary>The client certificate's URI SAN: the caller's SPIFFE ID.</summary>
    public string Uri { get; init; } = "";

    /// <summary>The client certificate's DNS SANs (mesh leaves have none).</summary>
    public IReadOnlyList<string> Dns { get; init; } = [];
}
