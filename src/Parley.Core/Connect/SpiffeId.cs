using System.Diagnostics.CodeAnalysis;

namespace Parley.Core.Connect;

/// <summary>
/// A parsed SPIFFE ID as Consul's <c>connect.ParseCertURI</c> reads it: the trust domain (the URI's host) and,
/// depending on <see cref="Kind"/>, partition, namespace, datacenter and service (or agent node).
/// </summary>
/// <remarks>
/// Immutable and pure. Trust domains are DNS names, so compare them with <see cref="SameTrustDomain"/>
/// (case-insensitive); every other part is compared exactly, as Consul does.
/// </remarks>
public sealed record SpiffeId
{
    /// <summary>The partition of IDs that name none (community edition).</summary>
    public const string DefaultPartition = "default";

    /// <summary>What the ID names.</summary>
    public required SpiffeIdKind Kind { get; init; }

    /// <summary>The URI's host, e.g. <c>7c3f….consul</c>.</summary>
    public required string TrustDomain { get; init; }

    /// <summary><see cref="DefaultPartition"/> unless the path starts with <c>/ap/&lt;partition&gt;</c>.</summary>
    public string Partition { get; init; } = DefaultPartition;

    /// <summary>The namespace of a service; empty for other kinds.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The datacenter; empty for <see cref="SpiffeIdKind.Signing"/>.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The service name of a <see cref="SpiffeIdKind.Service"/>, or the node of an <see cref="SpiffeIdKind.Agent"/>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The ID as it was parsed.</summary>
    public required string Uri { get; init; }

    /// <summary>A service identity in Consul's format (the partition segment only when it is not <c>default</c>).</summary>
    public static string ForService(
        string trustDomain,
        string datacenter,
        string service,
        string ns = "default",
        string partition = DefaultPartition)
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        ArgumentException.ThrowIfNullOrEmpty(datacenter);
        ArgumentException.ThrowIfNullOrEmpty(service);
        var ap = partition.Length == 0 || partition == DefaultPartition ? "" : $"/ap/{partition}";
        return $"spiffe://{trustDomain}{ap}/ns/{(ns.Length == 0 ? "default" : ns)}/dc/{datacenter}/svc/{EscapePath(service)}";
    }

    /// <summary>
    /// Go's <c>url.URL</c> path escaping, as Consul's SPIFFE IDs are written: everything but unreserved characters and
    /// <c>$&amp;+,/:;=@</c> as UTF-8 <c>%XX</c>, so a certificate's IA5String URI can hold any service name.
    /// <see cref="TryParse"/> unescapes it again.
    /// </summary>
    public static string EscapePath(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var builder = new System.Text.StringBuilder(segment.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c)
                || c is '-' or '_' or '.' or '~' or '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '@')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>A mesh gateway identity: <c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c>.</summary>
    public static string ForMeshGateway(string trustDomain, string datacenter)
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        ArgumentException.ThrowIfNullOrEmpty(datacenter);
        return $"spiffe://{trustDomain}/gateway/mesh/dc/{datacenter}";
    }

    /// <summary>True when both trust domains are the same DNS name.</summary>
    public static bool SameTrustDomain(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an ID; throws <see cref="FormatException"/> with Consul's text when it is not one.</summary>
    /// <exception cref="FormatException"><c>SPIFFE ID is not in the expected format: &lt;uri&gt;</c>.</exception>
    public static SpiffeId Parse(string uri) =>
        TryParse(uri, out var id) ? id : throw new FormatException($"SPIFFE ID is not in the expected format: {uri}");

    /// <summary>Parses an ID; false for anything that is not a SPIFFE ID Consul issues.</summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out SpiffeId? id)
    {
        id = null;
        const string Scheme = "spiffe://";
        if (uri is null || !uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = uri.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var host = (slash < 0 ? rest : rest[..slash]).ToString();
        if (host.Length == 0 || host.Contains('@') || host.Contains('?') || host.Contains('#'))
        {
            return false;
        }

        var path = slash < 0 ? "" : rest[slash..].ToString();
        if (path.Length == 0)
        {
            id = new SpiffeId { Kind = SpiffeIdKind.Signing, TrustDomain = host, Uri = uri };
            return true;
        }

        if (path.Contains('?') || path.Contains('#'))
        {
            return false;
        }

        var parts = path[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                return false;
            }

            parts[i] = System.Uri.UnescapeDataString(parts[i]);
        }

        var partition = DefaultPartition;
        var offset = 0;
        if (parts.Length >= 2 && parts[0] == "ap")
        {
            partition = parts[1];
            offset = 2;
        }

        var p = parts.AsSpan(offset);
        SpiffeId? parsed = p switch
        {
            ["ns", var ns, "dc", var dc, "svc", var svc] =>
                new SpiffeId
                {
                    Kind = SpiffeIdKind.Service,
                    TrustDomain = host,
                    Partition = partition,
                    Namespace = ns,
                    Datacenter = dc,
                    Name = svc,
                    Uri = uri,
                },
            ["gateway", "mesh", "dc", var dc] =>
                new SpiffeId { Kind = SpiffeIdKind.MeshGateway, TrustDomain = host, Partition = partition, Datacenter = dc, Uri = uri },
            ["agent", "client", "dc", var dc, "id", var node] =>
                new SpiffeId
                {
                    Kind = SpiffeIdKind.Agent,
                    TrustDomain = host,
                    Partition = partition,
                    Datacenter = dc,
                    Name = node,
                    Uri = uri,
                },
            ["agent", "server", "dc", var dc] when offset == 0 =>
                new SpiffeId { Kind = SpiffeIdKind.Server, TrustDomain = host, Datacenter = dc, Uri = uri },
            _ => null,
        };
        id = parsed;
        return parsed is not null;
    }
}
