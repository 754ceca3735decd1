using Parley.Core.ConfigEntries;
using Parley.Proxy.Config;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>Snapshots built by hand, as the config source would build them from the agent.</summary>
internal static class TestSnapshots
{
    public static ProxySnapshot Sidecar(
        TestCluster cluster,
        string service,
        int publicPort,
        int appPort,
        string protocol = "tcp",
        IEnumerable<TrustBundle>? peerBundles = null,
        IEnumerable<ServiceIntentionsConfigEntry>? intentions = null,
        bool defaultAllow = true,
        LeafCertificate? leaf = null) => new()
        {
            ProxyId = service + "-sidecar-proxy",
            Service = service,
            Datacenter = cluster.Datacenter,
            TrustDomain = cluster.TrustDomain,
            Leaf = leaf ?? cluster.Leaf(service),
            InboundTrust = new TrustStore([cluster.Bundle(), .. peerBundles ?? []]),
            Inbound = new InboundSnapshot("127.0.0.1", publicPort, "127.0.0.1", appPort, protocol, TimeSpan.FromSeconds(2)),
            Intentions = new IntentionRules(intentions ?? [], service, defaultAllow),
        };

    /// <summary>A <c>service-intentions</c> entry from Consul's JSON, normalized as the store keeps it.</summary>
    public static ServiceIntentionsConfigEntry Intentions(string json) =>
        (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(json));

    public static ProxySnapshot WithIntentions(this ProxySnapshot snapshot, params string[] entries) =>
        snapshot with { Intentions = new IntentionRules(entries.Select(Intentions), snapshot.Service, snapshot.Intentions.DefaultAllow) };
}
