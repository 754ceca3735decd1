using System.Diagnostics.CodeAnalysis;

namespace Parley.Core.Connect;

/// <summary>
/// The TLS server names of the mesh that are not a chain target's (those are <c>DiscoveryTarget.TargetSni</c>), as
/// Consul's <c>agent/connect/sni.go</c> and <c>uri_server.go</c> write them: the name a peer dials to reach a service
/// this cluster exports, and the name of this cluster's peering servers.
/// </summary>
/// <remarks>Pure. SNIs are DNS names: compare them case-insensitively.</remarks>
public static class MeshSni
{
    private const string ExternalLabel = ".external.";

    /// <summary>
    /// Consul's <c>PeeredServiceSNI</c>: <c>&lt;svc&gt;.&lt;ns&gt;.&lt;ap&gt;.&lt;peer&gt;.external.&lt;td&gt;</c>, computed by the
    /// exporter with its local name for the importing peering and its own trust domain.
    /// </summary>
    public static string PeeredService(string service, string ns, string partition, string peer, string trustDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(peer);
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        return $"{service}.{OrDefault(ns)}.{OrDefault(partition)}.{peer}{ExternalLabel}{trustDomain}";
    }

    /// <summary>Consul's <c>PeeringServerSAN</c>: <c>server.&lt;dc&gt;.peering.&lt;td&gt;</c>, what a peer's servers dial.</summary>
    public static string PeeringServer(string datacenter, string trustDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(datacenter);
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        return $"server.{datacenter}.peering.{trustDomain}";
    }

    /// <summary>Reads a peered service SNI of <paramref name="trustDomain"/>; false for any other name.</summary>
    public static bool TryParsePeeredService(
        string? sni, string trustDomain, [NotNullWhen(true)] out PeeredServiceSni? parsed)
    {
        parsed = null;
        var suffix = ExternalLabel + trustDomain;
        if (sni is null || trustDomain.Length == 0 || !sni.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var labels = sni[..^suffix.Length].Split('.');
        if (labels.Length != 4 || labels.Any(l => l.Length == 0))
        {
            return false;
        }

        parsed = new PeeredServiceSni(labels[0], labels[1], labels[2], labels[3]);
        return true;
    }

    private static string OrDefault(string value) => string.IsNullOrEmpty(value) ? "default" : value;
}
