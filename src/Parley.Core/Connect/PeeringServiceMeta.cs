using System.Text.Json.Serialization;

namespace Parley.Core.Connect;

/// <summary>
/// What an importer needs to dial a service exported by a peer (Consul's <c>PeeringServiceMeta</c>), set by the
/// exporter on the synthetic sidecar instances it sends: the SNI its mesh gateway routes by, the SPIFFE IDs the
/// far end may present, and the service's protocol.
/// </summary>
public sealed record PeeringServiceMeta
{
    /// <summary>Peered SNIs; a dialer uses the first (<c>&lt;svc&gt;.&lt;ns&gt;.&lt;ap&gt;.&lt;peer&gt;.external.&lt;td&gt;</c>).</summary>
    public IReadOnlyList<string> SNI { get; init; } = [];

    /// <summary>The identities the server side may present: the service's, the exporter gateway's, and TCP targets'.</summary>
    public IReadOnlyList<string> SpiffeID { get; init; } = [];

    /// <summary>The exporter's protocol for the service (<c>tcp</c>, <c>http</c>, <c>http2</c>, <c>grpc</c>); empty means tcp.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The SNI a dialer sends, or empty.</summary>
    [JsonIgnore]
    public string PrimarySni => SNI.Count > 0 ? SNI[0] : "";
}
