using System.Text.Json.Nodes;

namespace Parley.Mesh.Ca;

/// <summary>The agent's <c>connect</c> settings the Connect CA needs.</summary>
public sealed class ConnectCaOptions
{
    /// <summary><c>connect { enabled }</c>: without it no CA is created. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The CA's cluster id from <c>connect { ca_config { cluster_id } }</c>; generated when null.</summary>
    public string? ClusterId { get; set; }

    /// <summary>This cluster's datacenter (SPIFFE ids and the peering server name carry it). Defaults to <c>dc1</c>.</summary>
    public string Datacenter { get; set; } = "dc1";

    /// <summary>
    /// The rest of <c>connect { ca_config { ... } }</c> in Consul's CamelCase keys (<c>LeafCertTTL</c>, <c>PrivateKeyType</c>,
    /// ...), laid over Consul's defaults when the first leader creates the CA (<see cref="CaConfiguration.Initial"/>).
    /// Later changes go through <c>PUT /v1/connect/ca/configuration</c>, as in Consul. Defaults to none.
    /// </summary>
    public JsonObject? CaConfig { get; set; }
}
