using System.Net;
using System.Net.Sockets;
using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Catalog;

namespace Parley.Dns;

internal sealed partial class DnsResponder
{
    // <node>.node[.locality]: the node's address (A/AAAA, or a CNAME for a host name) and its meta as TXT.
    private Outcome NodeRecords(DnsQueryContext query)
    {
        var (s, lookup, name, type, _, response, depth) = query;
        if (type is not (RecordType.Any or RecordType.A or RecordType.Aaaa or RecordType.Txt))
        {
            return Outcome.Answered;
        }

        var node = s.GetNode(lookup.Name, lookup.Peer)
            ?? s.Nodes(lookup.Peer).FirstOrDefault(n => n.Name.Equals(lookup.Name, StringComparison.OrdinalIgnoreCase));
        if (node is null || !MayRead(node))
        {
            return Outcome.NameError;
        }

        if (type != RecordType.Txt)
        {
            var address = NodeAddress(node, lookup);
            if (IPAddress.TryParse(address, out var ip))
            {
                if (AddressRecord(ip, type, name, options.NodeTtl) is { } record)
                {
                    response.AnswerRecords.Add(record);
                }
            }
            else if (address.Length > 0)
            {
                var target = DomainName.Parse(Fqdn(address));
                response.AnswerRecords.Add(new CNameRecord(name, Seconds(options.NodeTtl), target));
                if (depth > 1)
                {
                    response.AnswerRecords.AddRange(ResolveInside(s, target, ResponseDomain(name), depth - 1));
                }
            }
        }

        if (options.NodeMetaTxt || type is RecordType.Txt or RecordType.Any)
        {
            var target = type is RecordType.Txt or RecordType.Any ? response.AnswerRecords : response.AdditionalRecords;
            target.AddRange(MetaRecords(name, node, options.NodeTtl));
        }

        return Outcome.Answered;
    }

    // <hex>.addr[.dc]: the address itself (what SRV targets of service addresses point at).
    private Outcome AddressRecord(DnsQueryContext query)
    {
        var (_, lookup, name, type, _, response, _) = query;
        var ip = new IPAddress(Convert.FromHexString(lookup.Name));
        var wanted = ip.AddressFamily == AddressFamily.InterNetwork ? RecordType.A : RecordType.Aaaa;
        if (AddressRecord(ip, wanted, name, options.NodeTtl) is { } record)
        {
            (type == wanted || type == RecordType.Any ? response.AnswerRecords : response.AdditionalRecords).Add(record);
        }

        return Outcome.Answered;
    }

    /// <summary>An A or AAAA record for <paramref name="ip"/> when the question's type allows it (Consul's makeARecord).</summary>
    private static DnsRecordBase? AddressRecord(IPAddress ip, RecordType type, DomainName name, TimeSpan ttl)
    {
        var fitsAnyType = type is RecordType.Srv or RecordType.Any or RecordType.Ns or RecordType.Txt;
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        return ip.AddressFamily == AddressFamily.InterNetwork
            ? fitsAnyType || type == RecordType.A ? new ARecord(name, Seconds(ttl), ip) : null
            : fitsAnyType || type == RecordType.Aaaa ? new AaaaRecord(name, Seconds(ttl), ip) : null;
    }

    private static IEnumerable<DnsRecordBase> NodeAddressRecords(string address, RecordType type, DomainName name, TimeSpan ttl) =>
        IPAddress.TryParse(address, out var ip) && AddressRecord(ip, type, name, ttl) is { } record ? [record] : [];

    // Node meta as TXT: "key=value" escaped as RFC 1464 says, or the bare value for keys starting with rfc1035-.
    private static IEnumerable<DnsRecordBase> MetaRecords(DomainName name, Node node, TimeSpan ttl) =>
        node.Meta.Select(m => new TxtRecord(
            name, Seconds(ttl), m.Key.StartsWith("rfc1035-", StringComparison.OrdinalIgnoreCase) ? m.Value : Rfc1464(m.Key, m.Value)));

    private static string Rfc1464(string key, string value)
    {
        var escaped = key.Replace("`", "``", StringComparison.Ordinal).Replace("=", "`=", StringComparison.Ordinal);
        var core = escaped.Trim(' ');
        var leading = escaped.Length - escaped.TrimStart(' ').Length;
        var trailing = core.Length == 0 ? 0 : escaped.Length - escaped.TrimEnd(' ').Length;
        var text = new StringBuilder().Insert(0, "` ", leading).Append(core).Insert(leading * 2 + core.Length, "` ", trailing);
        return text + "=" + value.Replace("`", "``", StringComparison.Ordinal);
    }
}
