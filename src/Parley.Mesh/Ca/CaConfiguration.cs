using System.Text.Json.Nodes;

namespace Parley.Mesh.Ca;

/// <summary>
/// The CA configuration as <c>/v1/connect/ca/configuration</c> serves it (Consul's <c>CAConfiguration</c>): the
/// provider, its raw <c>Config</c> map exactly as the operator wrote it (defaults apply when it is read, see
/// <see cref="CaProviderConfig.Parse"/>), the provider state and the cross-signing override.
/// </summary>
/// <remarks>
/// Stored inside the CA's system value. <see cref="Config"/> is a mutable node: readers get clones
/// (<see cref="ConnectCaState.Read"/>), and nobody changes a stored one.
/// </remarks>
public sealed record CaConfiguration
{
    /// <summary>The only provider Parley has.</summary>
    public const string ConsulProvider = "consul";

    public string Provider { get; init; } = ConsulProvider;

    /// <summary>Consul's keys (<c>LeafCertTTL</c>, <c>PrivateKeyType</c>, ...), as given.</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>Provider state; the built-in provider keeps none (null), and a PUT may not set one.</summary>
    public IReadOnlyDictionary<string, string>? State { get; init; }

    public bool ForceWithoutCrossSigning { get; init; }

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>
    /// What a new cluster starts with: Consul's three TTLs (the values its server config seeds), overlaid by the
    /// agent's <c>connect { ca_config { ... } }</c> keys, already in Consul's CamelCase.
    /// </summary>
    public static CaConfiguration Initial(JsonObject? agentCaConfig)
    {
        var config = new JsonObject
        {
            ["LeafCertTTL"] = CaProviderConfig.DefaultLeafCertTtlText,
            ["IntermediateCertTTL"] = CaProviderConfig.DefaultIntermediateCertTtlText,
            ["RootCertTTL"] = CaProviderConfig.DefaultRootCertTtlText,
        };
        foreach (var (key, value) in agentCaConfig ?? [])
        {
            config[key] = value?.DeepClone();
        }

        return new CaConfiguration { Config = config };
    }
}
