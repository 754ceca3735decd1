using System.Text.Json.Nodes;
using Parley.Client;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Core.Intentions;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <summary>
/// <see cref="IAgentReads"/> over the agent's public HTTP API through <see cref="ParleyClient"/>: JSON is decoded with
/// Core's codecs (Proxy blocks, config entries) and PEMs are parsed once per change.
/// </summary>
/// <remarks>
/// Thread-safe. The registration endpoint blocks by content hash; its hash is turned into a growing index here. The
/// gateway's reads extend this class (<c>ClientGatewayReads</c>).
/// </remarks>
public class ClientAgentReads(ParleyClient client) : IAgentReads
{
    private readonly Lock _hashLock = new();
    private string _lastHash = "";
    private ulong _hashIndex;

    /// <summary>The client every read goes through.</summary>
    protected ParleyClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public async Task<string> DatacenterAsync(CancellationToken cancellationToken)
    {
        var self = await Client.Agent.SelfAsync(cancellationToken).ConfigureAwait(false);
        return self["Config"]?["Datacenter"]?.GetValue<string>() is { Length: > 0 } dc
            ? dc
            : throw new InvalidOperationException("the agent did not say which datacenter it is in");
    }

    /// <summary>
    /// Whether a call no intention matches is allowed, as the agent is configured (<c>/v1/agent/self</c>'s
    /// <c>DebugConfig</c>: <c>DefaultIntentionPolicy</c>, else the ACL default policy when ACLs are on, else allow).
    /// </summary>
    public async Task<bool> IntentionDefaultAllowAsync(CancellationToken cancellationToken)
    {
        var debug = (await Client.Agent.SelfAsync(cancellationToken).ConfigureAwait(false))["DebugConfig"];
        return IntentionDefaults.Allows(
            debug?["DefaultIntentionPolicy"]?.GetValue<string>() ?? "",
            debug?["ACLsEnabled"]?.GetValue<bool>() ?? false,
            debug?["ACLResolverSettings"]?["ACLDefaultPolicy"]?.GetValue<string>() ?? IntentionDefaults.Allow);
    }

    /// <inheritdoc/>
    public async Task<(ProxyRegistration? Value, ulong Index)> ProxyAsync(
        string proxyId, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        string hash;
        lock (_hashLock)
        {
            hash = index > 0 && index == _hashIndex ? _lastHash : "";
        }

        QueryResult<AgentService> result;
        try
        {
            result = await Client.Agent.ServiceAsync(proxyId, new QueryOptions
            {
                WaitHash = hash.Length > 0 ? hash : null,
                Wait = wait,
            }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ParleyApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, NextHashIndex("<gone>"));
        }

        var service = result.Value;
        var proxy = service.Proxy is { } raw ? ConnectCodec.DecodeProxy(raw) : new ConnectProxyConfig();
        var registration = new ProxyRegistration(service.ID, service.Service, service.Kind ?? "", service.Address, service.Port, proxy);
        return (registration,
            NextHashIndex(result.Meta.LastContentHash.Length > 0
            ? result.Meta.LastContentHash
            : result.Meta.LastIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc/>
    public async Task<(LeafCertificate Value, ulong Index)> LeafAsync(string service, ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (leaf, meta) = await Client.Agent.ConnectCaLeafAsync(service, Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (LeafCertificate.FromPem(leaf.CertPEM, leaf.PrivateKeyPEM), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(TrustBundle Value, ulong Index)> RootsAsync(ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (roots, meta) = await Client.Agent.ConnectCaRootsAsync(Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (TrustBundle.FromPems(roots.TrustDomain, "", roots.Roots.Select(r => r.RootCertPEM)), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<TrustBundle> Value, ulong Index)> PeerBundlesAsync(
        string? service, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (bundles, meta) = await Client.Agent.PeerTrustBundlesAsync(service, Blocking(index, wait), cancellationToken)
            .ConfigureAwait(false);
        return (bundles.Where(b => b.RootPEMs.Count > 0).Select(b => TrustBundle.FromPems(b.TrustDomain, b.PeerName, b.RootPEMs)).ToList(),
            meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<ConfigEntry> Value, ulong Index)> ConfigEntriesAsync(
        string kind, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (entries, meta) = await Client.ConfigEntries.ListAsync(kind, Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (entries.Select(e => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.Decode(e))).ToList(), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> ConnectEndpointsAsync(
        EndpointKey key, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (entries, meta) =
            await Client.Health.ConnectAsync(key.Service, key.Peer.Length > 0 ? key.Peer : null, Blocking(index, wait), cancellationToken)
            .ConfigureAwait(false);
        return (entries.Select(ToEndpoint).ToList(), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> MeshGatewaysAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (entries, meta) = await Client.Health.KindAsync(ServiceKinds.MeshGateway, null, Blocking(index, wait), cancellationToken)
            .ConfigureAwait(false);
        return (entries.Select(ToEndpoint).ToList(), meta.LastIndex);
    }

    /// <summary>One health entry as an endpoint: LAN address (service, else node), best WAN address, checks, weights, peer meta.</summary>
    public static EndpointInput ToEndpoint(ServiceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var service = entry.Service ?? new AgentService();
        var node = entry.Node ?? new Parley.Client.Node();
        var lan = service.Address.Length > 0 ? service.Address : node.Address;

        // Consul's BestAddress(wan=true): service WAN tagged address, service address, node WAN, node address.
        var (wanAddress, wanPort) = service.TaggedAddresses?.GetValueOrDefault("wan") is { Address.Length: > 0 } wan
            ? (wan.Address, wan.Port > 0 ? wan.Port : service.Port)
            : service.Address.Length > 0
                ? (service.Address, service.Port)
                : (node.TaggedAddresses?.GetValueOrDefault("wan") is { Length: > 0 } nodeWan ? nodeWan : node.Address, service.Port);
        var weights = service.Weights is { } w ? new ServiceWeights(w.Passing, w.Warning) : null;
        PeeringServiceMeta? peerMeta = null;
        if (service.Connect is JsonObject connect && connect.Count > 0)
        {
            peerMeta = ConnectCodec.DecodeConnect(connect, out _).PeerMeta;
        }

        return new EndpointInput(
            lan, service.Port, (entry.Checks ?? []).Select(c => c.Status).ToList(), weights, wanAddress, wanPort, peerMeta);
    }

    /// <summary>A blocking query from <paramref name="index"/> (0: answer at once).</summary>
    protected static QueryOptions Blocking(ulong index, TimeSpan wait) => new() { Index = index, Wait = wait };

    private ulong NextHashIndex(string hash)
    {
        lock (_hashLock)
        {
            if (hash != _lastHash)
            {
                _lastHash = hash;
                _hashIndex++;
            }

            return _hashIndex;
        }
    }
}
