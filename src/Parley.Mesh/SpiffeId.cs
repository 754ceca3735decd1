using System.Text.RegularExpressions;

namespace Parley.Mesh;

/// <summary>A parsed SPIFFE ID in Consul's formats. Empty parts are the ones the kind does not have.</summary>
/// <param name="Kind">What the identity names.</param>
/// <param name="TrustDomain">The host: <c>&lt;cluster-id&gt;.consul</c>.</param>
/// <param name="Partition">The <c>/ap/</c> partition, or <c>default</c> when the path has none.</param>
/// <param name="Namespace">A service's namespace.</param>
/// <param name="Datacenter">The datacenter (every kind but <see cref="SpiffeIdKind.Signing"/>).</param>
/// <param name="Name">The service name, or the agent's node name.</param>
public sealed record SpiffeId(SpiffeIdKind Kind, string TrustDomain, string Partition, string Namespace, string Datacenter, string Name)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly Regex ServicePath = new("^(?:/ap/([^/]+))?/ns/([^/]+)/dc/([^/]+)/svc/([^/]+)$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex GatewayPath = new("^(?:/ap/([^/]+))?/gateway/mesh/dc/([^/]+)$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex AgentPath = new("^(?:/ap/([^/]+))?/agent/client/dc/([^/]+)/id/([^/]+)$", RegexOptions.CultureInvariant, RegexTimeout);
    private static readonly Regex ServerPath = new("^/agent/server/dc/([^/]+)$", RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>Parses <paramref name="text"/> as Consul's <c>ParseCertURIFromString</c> does; false for anything else.</summary>
    public static bool TryParse(string? text, out SpiffeId id)
    {
        id = null!;
        if (string.IsNullOrEmpty(text) || !text.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = text["spiffe://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[slash..];
        if (host.Length == 0 || host.Contains('?', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) ||
            path.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            if (ServicePath.Match(path) is { Success: true } s)
            {
                id = new SpiffeId(SpiffeIdKind.Service, host, PartitionOf(s.Groups[1]), Unescape(s.Groups[2].Value), Unescape(s.Groups[3].Value), Unescape(s.Groups[4].Value));
            }
            else if (GatewayPath.Match(path) is { Success: true } g)
            {
                id = new SpiffeId(SpiffeIdKind.MeshGateway, host, PartitionOf(g.Groups[1]), "", Unescape(g.Groups[2].Value), "");
            }
            else if (AgentPath.Match(path) is { Success: true } a)
            {
                id = new SpiffeId(SpiffeIdKind.Agent, host, PartitionOf(a.Groups[1]), "", Unescape(a.Groups[2].Value), Unescape(a.Groups[3].Value));
            }
            else if (ServerPath.Match(path) is { Success: true } v)
            {
                id = new SpiffeId(SpiffeIdKind.Server, host, "default", "", Unescape(v.Groups[1].Value), "");
            }
            else if (path.Length == 0 && host.IndexOf('.', StringComparison.Ordinal) > 0)
            {
                id = new SpiffeId(SpiffeIdKind.Signing, host, "default", "", "", "");
            }
            else
            {
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is UriFormatException or RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string PartitionOf(Group group) => group.Success ? Unescape(group.Value) : "default";

    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
