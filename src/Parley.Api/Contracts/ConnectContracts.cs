using System.Text.Json.Serialization;
using Parley.Core.Go;
using Parley.Mesh.Leaf;
using Parley.State.Peering;

namespace Parley.Api.Contracts;

/// <summary>
/// A leaf certificate as the leaf endpoints return it: Consul's <c>IssuedCert</c>, key order kept, empty strings
/// omitted as Go's <c>omitempty</c> does (a service leaf has no Kind, a gateway leaf no Service).
/// </summary>
public sealed record IssuedCertJson
{
    public required string SerialNumber { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CertPEM { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PrivateKeyPEM { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Service { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ServiceURI { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Kind { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? KindURI { get; init; }
    public required string ValidAfter { get; init; }
    public required string ValidBefore { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    public static IssuedCertJson From(LeafCertificate leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return new IssuedCertJson
        {
            SerialNumber = leaf.SerialNumber,
            CertPEM = Empty(leaf.CertPem),
            PrivateKeyPEM = Empty(leaf.PrivateKeyPem),
            Service = Empty(leaf.Service),
            ServiceURI = Empty(leaf.ServiceUri),
            Kind = Empty(leaf.Kind),
            KindURI = Empty(leaf.KindUri),
            ValidAfter = GoTime.Format(leaf.ValidAfter),
            ValidBefore = GoTime.Format(leaf.ValidBefore),
            CreateIndex = leaf.CreateIndex,
            ModifyIndex = leaf.ModifyIndex,
        };
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}

/// <summary>
/// A peer's trust bundle as <c>GET /v1/agent/connect/ca/peer-trust-bundles</c> returns it (a Parley endpoint; the
/// fields of Consul's <c>PeeringTrustBundle</c>).
/// </summary>
public sealed record PeerTrustBundleJson
{
    public required string PeerName { get; init; }
    public required string TrustDomain { get; init; }
    public required IReadOnlyList<string> RootPEMs { get; init; }
    public required string ExportedPartition { get; init; }

    /// <summary>The local partition; empty in the community edition, as Consul CE writes it.</summary>
    public string Partition { get; init; } = "";

    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    public static PeerTrustBundleJson From(TrustBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new PeerTrustBundleJson
        {
            PeerName = bundle.PeerName,
            TrustDomain = bundle.TrustDomain,
            RootPEMs = bundle.RootPEMs,
            ExportedPartition = bundle.ExportedPartition,
            CreateIndex = bundle.CreateIndex,
            ModifyIndex = bundle.ModifyIndex,
        };
    }
}

/// <summary>The body of <c>POST /v1/agent/connect/authorize</c> (Consul's <c>ConnectAuthorizeRequest</c>).</summary>
public sealed record ConnectAuthorizeRequest
{
    public string? Target { get; init; }
    public string? ClientCertURI { get; init; }

    /// <summary>Accepted and ignored, as Consul does (no revocation check).</summary>
    public string? ClientCertSerial { get; init; }
}

/// <summary>The answer of <c>POST /v1/agent/connect/authorize</c>.</summary>
public sealed record ConnectAuthorizeResponse(bool Authorized, string Reason);

/// <summary>
/// The CA configuration as <c>GET /v1/connect/ca/configuration</c> answers it and <c>PUT</c> takes it (Consul's
/// <c>CAConfiguration</c>: <c>ClusterID</c> is not serialized).
/// </summary>
public sealed record CaConfigurationJson
{
    public string? Provider { get; init; }

    /// <summary>Consul's keys; written sorted, as Go writes a map.</summary>
    public System.Text.Json.Nodes.JsonObject? Config { get; init; }

    public IReadOnlyDictionary<string, string>? State { get; init; }

    public bool ForceWithoutCrossSigning { get; init; }

    /// <summary>Consul also reads the snake_case spelling of <see cref="ForceWithoutCrossSigning"/>.</summary>
    [JsonPropertyName("force_without_cross_signing")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ForceWithoutCrossSigningSnake { get; init; }

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    public static CaConfigurationJson From(Parley.Mesh.Ca.CaConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sorted = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in config.Config.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[key] = value?.DeepClone();
        }

        return new CaConfigurationJson
        {
            Provider = config.Provider,
            Config = sorted,
            State = config.State,
            ForceWithoutCrossSigning = config.ForceWithoutCrossSigning,
            CreateIndex = config.CreateIndex,
            ModifyIndex = config.ModifyIndex,
        };
    }
}
