namespace Parley.Core.Dns;

/// <summary>
/// Consul's DNS name grammar as a pure function: which lookup a question name under the agent's domain (or alt domain)
/// asks for. Labels are compared case-insensitively, as DNS names are.
/// </summary>
/// <remarks>
/// The query kind is the right-most label among <c>service</c>, <c>connect</c>, <c>virtual</c>, <c>ingress</c>,
/// <c>node</c>, <c>query</c>, <c>addr</c> (or, for SRV questions, the right-most label starting with <c>_</c>, so
/// <c>_web._tcp.consul</c> works without <c>.service</c>). What follows it is the locality: nothing, one label (a
/// datacenter; for <c>virtual</c> a peer), or <c>&lt;x&gt;.dc</c> / <c>&lt;x&gt;.peer</c> pairs; naming both a
/// datacenter and a peer is invalid (consul-compat §8).
/// </remarks>
public static class DnsNames
{
    private static readonly string[] Kinds = ["service", "connect", "virtual", "ingress", "node", "query", "addr"];

    /// <summary>
    /// The part of <paramref name="name"/> before the domain (lower-cased, no trailing dot), or null when the name is
    /// under neither <paramref name="domain"/> nor <paramref name="altDomain"/> (both given with a trailing dot).
    /// </summary>
    public static string? TrimDomain(string name, string domain, string? altDomain)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(domain);
        var fqdn = (name.EndsWith('.') ? name : name + ".").ToLowerInvariant();

        // The longer suffix first, so an alt domain that ends in the domain (or the reverse) is trimmed whole.
        foreach (var suffix in new[] { domain, altDomain }.Where(d => !string.IsNullOrEmpty(d)).OrderByDescending(d => d!.Length))
        {
            if (fqdn == suffix)
            {
                return "";
            }

            if (fqdn.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return fqdn[..^(suffix!.Length + 1)];
            }
        }

        return null;
    }

    /// <summary>The lookup asked for by <paramref name="relativeName"/> (what <see cref="TrimDomain"/> returned).</summary>
    /// <param name="relativeName">The question name without the domain, lower-cased.</param>
    /// <param name="isSrv">True for SRV questions, where the <c>.service</c> label may be left out of RFC 2782 names.</param>
    public static DnsLookup Parse(string relativeName, bool isSrv)
    {
        ArgumentNullException.ThrowIfNull(relativeName);
        var labels = relativeName.Length == 0 ? [] : relativeName.Split('.');
        if (labels.Any(l => l.Length == 0))
        {
            return DnsLookup.Invalid;
        }

        for (var i = labels.Length - 1; i >= 0; i--)
        {
            if (Kinds.Contains(labels[i]))
            {
                return Lookup(labels[i], labels[..i], labels[(i + 1)..]);
            }

            if (isSrv && labels[i].StartsWith('_'))
            {
                return Lookup("service", labels[..(i + 1)], labels[(i + 1)..]);
            }
        }

        return DnsLookup.Invalid;
    }

    private static DnsLookup Lookup(string kind, string[] parts, string[] suffix)
    {
        if (parts.Length == 0 || Locality(suffix) is not { } place)
        {
            return DnsLookup.Invalid;
        }

        var (dc, peer, either) = place;
        switch (kind)
        {
            case "service":
                var (service, tag) = parts.Length == 2 && parts[0].StartsWith('_') && parts[1].StartsWith('_')
                    ? (parts[0][1..], parts[1] == "_tcp" ? "" : parts[1][1..])
                    : (parts[^1], string.Join('.', parts[..^1]));
                return service.Length == 0
                    ? DnsLookup.Invalid
                    : new DnsLookup(DnsLookupKind.Service, service, tag, peer.Length > 0 ? "" : dc.Length > 0 ? dc : either, peer);
            case "node":
                return new DnsLookup(
                    DnsLookupKind.Node, string.Join('.', parts), "", peer.Length > 0 ? "" : dc.Length > 0 ? dc : either, peer);
            case "connect" or "ingress":
                // Peers are not supported for these (Consul ignores a peer label here; a peer pair is invalid).
                return peer.Length > 0
                    ? DnsLookup.Invalid
                    : new DnsLookup(
                        kind == "connect" ? DnsLookupKind.Connect : DnsLookupKind.Ingress, parts[^1], "", dc.Length > 0 ? dc : either);
            case "virtual":
                return dc.Length > 0 ? DnsLookup.Invalid : new DnsLookup(
                    DnsLookupKind.Virtual, parts[^1], "", "", peer.Length > 0 ? peer : either);
            case "query":
                // Only a bare datacenter label may follow; RFC 2782 form _name._proto joins the name's labels.
                if (dc.Length > 0 || peer.Length > 0)
                {
                    return DnsLookup.Invalid;
                }

                var query = parts.Length >= 2 && parts[0].StartsWith('_') && parts[^1].StartsWith('_')
                    ? string.Join('.', parts[..^1])[1..]
                    : string.Join('.', parts);
                return new DnsLookup(DnsLookupKind.Query, query, "", either);
            default: // addr
                return parts.Length == 1 && parts[0].Length is 8 or 32 && parts[0].All(Uri.IsHexDigit)
                    ? new DnsLookup(DnsLookupKind.Address, parts[0], "", either)
                    : DnsLookup.Invalid;
        }
    }

    // Nothing; one label (datacenter or peer, by kind); or <x>.dc / <x>.peer pairs, not both.
    private static (string Dc, string Peer, string Either)? Locality(string[] suffix)
    {
        switch (suffix.Length)
        {
            case 0:
                return ("", "", "");
            case 1:
                return ("", "", suffix[0]);
            case 2 or 4:
                var (dc, peer) = ("", "");
                for (var i = 0; i < suffix.Length; i += 2)
                {
                    switch (suffix[i + 1])
                    {
                        case "dc" when dc.Length == 0:
                            dc = suffix[i];
                            break;
                        case "peer" when peer.Length == 0:
                            peer = suffix[i];
                            break;
                        default:
                            // Enterprise labels (ns, ap, sg) and repeats are not served here.
                            return null;
                    }
                }

                return dc.Length > 0 && peer.Length > 0 ? null : (dc, peer, "");
            default:
                return null;
        }
    }
}
