using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Connect;

/// <summary>
/// A service (or prepared query) a proxy's local application calls through a local listener (Consul's <c>Upstream</c>).
/// </summary>
public sealed record Upstream
{
    /// <summary>The default <see cref="DestinationType"/>.</summary>
    public const string TypeService = "service";

    /// <summary>An upstream that executes a prepared query.</summary>
    public const string TypePreparedQuery = "prepared_query";

    /// <summary>The default <see cref="LocalBindAddress"/>.</summary>
    public const string DefaultBindAddress = "127.0.0.1";

    /// <summary><see cref="TypeService"/> (the default, also when empty) or <see cref="TypePreparedQuery"/>.</summary>
    public string DestinationType { get; init; } = "";

    public string DestinationNamespace { get; init; } = "";

    public string DestinationPartition { get; init; } = "";

    /// <summary>The local name of the peering the destination is imported from; empty for local services.</summary>
    public string DestinationPeer { get; init; } = "";

    public string DestinationName { get; init; } = "";

    /// <summary>Another datacenter; cannot be combined with <see cref="DestinationPeer"/>.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>Where the local listener binds; <see cref="DefaultBindAddress"/> when empty.</summary>
    public string LocalBindAddress { get; init; } = "";

    public int LocalBindPort { get; init; }

    public string LocalBindSocketPath { get; init; } = "";

    public string LocalBindSocketMode { get; init; } = "";

    /// <summary>Opaque per-upstream configuration (<c>protocol</c>, <c>connect_timeout_ms</c>, ...). Treat it as read-only.</summary>
    public JsonObject? Config { get; init; }

    public MeshGatewayConfig MeshGateway { get; init; } = new();

    /// <summary>Set when the upstream came from central config rather than the registration.</summary>
    public bool CentrallyConfigured { get; init; }

    /// <summary>The effective destination type.</summary>
    [JsonIgnore]
    public string EffectiveType => DestinationType.Length == 0 ? TypeService : DestinationType;

    /// <summary>The effective bind address.</summary>
    [JsonIgnore]
    public string EffectiveBindAddress => LocalBindAddress.Length == 0 ? DefaultBindAddress : LocalBindAddress;

    /// <summary>
    /// Consul's upstream identifier (<c>Upstream.Identifier</c>): <c>[prepared_query:]&lt;name&gt;</c>, then
    /// <c>?peer=&lt;peer&gt;</c> or <c>?dc=&lt;dc&gt;</c> when set. Unique among one proxy's upstreams.
    /// </summary>
    [JsonIgnore]
    public string Identifier
    {
        get
        {
            var id = EffectiveType == TypePreparedQuery ? "prepared_query:" + DestinationName : DestinationName;
            if (DestinationPeer.Length > 0)
            {
                return id + "?peer=" + DestinationPeer;
            }

            return Datacenter.Length > 0 ? id + "?dc=" + Datacenter : id;
        }
    }
}
