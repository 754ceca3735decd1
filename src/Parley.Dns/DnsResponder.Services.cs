using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Catalog;
using Parley.Core.Dns;
using Parley.State.Store;

namespace Parley.Dns;

internal sealed partial class DnsResponder
{
    private Outcome Services(DnsQueryContext query)
    {
        var (s, lookup) = (query.Snapshot, query.Lookup);
        var rows = lookup.Kind switch
        {
            DnsLookupKind.Connect => s.ConnectServiceNodes(ServiceName(s, lookup.Name, ""), "").Rows,
            DnsLookupKind.Service => [.. s.CheckServiceNodes(ServiceName(s, lookup.Name, lookup.Peer), lookup.Peer)],

            // Ingress gateways are not configurable yet (no ingress-gateway config entry), so none fronts a service.
            _ => [],
        };
        rows = Healthy(rows.Where(MayRead)
            .Where(r => lookup.Tag.Length == 0 || r.Service.Tags.Contains(lookup.Tag, StringComparer.OrdinalIgnoreCase)),
            options.OnlyPassing);
        Shuffle(rows);
        return Instances(query, rows, options.ServiceTtl.For(lookup.Name));
    }

    /// <summary>
    /// Answers <paramref name="rows"/> (filtered and shuffled) as SRV or address records: a name error when there are
    /// none, no data when none has a record of the asked type. The query's lookup peer picks imported addressing.
    /// </summary>
    private Outcome Instances(DnsQueryContext query, List<CheckServiceNode> rows, TimeSpan ttl)
    {
        if (rows.Count == 0)
        {
            return Outcome.NameError;
        }

        if (query.Type == RecordType.Srv)
        {
            AddSrvRecords(query, rows, ttl);
        }
        else
        {
            AddServiceAddressRecords(query, rows, ttl);
        }

        return query.Response.AnswerRecords.Count == 0 ? Outcome.NoData : Outcome.Answered;
    }

    // DNS names are lower case; catalog names need not be. An exact match first, else the first name equal ignoring case.
    private static string ServiceName(StateSnapshot s, string name, string peer) =>
        s.ServiceIndex(name, peer) > 0 || s.CheckServiceNodes(name, peer).Any()
            ? name
            : s.Services(peer).Select(i => i.Service).FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;

    /// <summary>
    /// Instances without a critical check (Consul's filter); with <paramref name="onlyPassing"/>, without a warning one too.
    /// </summary>
    private static List<CheckServiceNode> Healthy(IEnumerable<CheckServiceNode> rows, bool onlyPassing) =>
        [.. rows.Where(r => r.Checks.All(c => c.Status == HealthStatus.Passing || (!onlyPassing && c.Status == HealthStatus.Warning)))];

    private void AddSrvRecords(DnsQueryContext query, List<CheckServiceNode> rows, TimeSpan ttl)
    {
        var (lookup, respDomain, response) = (query.Lookup, query.RespDomain, query.Response);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (address, port) = ServiceAddress(row, lookup);
            if (!seen.Add($"{row.Node.Name}:{address}:{port}"))
            {
                continue;
            }

            var (answers, extra) = InstanceRecords(query, row, ttl);
            response.AnswerRecords.AddRange(answers);
            response.AdditionalRecords.AddRange(extra);
            if (options.NodeMetaTxt)
            {
                response.AdditionalRecords.AddRange(MetaRecords(NodeFqdn(lookup, row.Node.Name, respDomain), row.Node, options.NodeTtl));
            }
        }
    }

    private void AddServiceAddressRecords(DnsQueryContext query, List<CheckServiceNode> rows, TimeSpan ttl)
    {
        var response = query.Response;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<DnsRecordBase>? firstCname = null;
        var count = 0;
        foreach (var row in rows)
        {
            var (records, _) = InstanceRecords(query, row, ttl);
            if (records.Count == 0 || !seen.Add(records[0].ToString()))
            {
                continue;
            }

            if (records[0] is CNameRecord)
            {
                // A CNAME answers only when no instance has an address of its own.
                firstCname ??= records;
                continue;
            }

            response.AnswerRecords.AddRange(records);
            if (++count == options.ARecordLimit)
            {
                return;
            }
        }

        if (response.AnswerRecords.Count == 0 && firstCname is not null)
        {
            response.AnswerRecords.AddRange(firstCname);
        }
    }

    // An imported instance is reached at its WAN address when it has one (Consul translates for other datacenters).
    private static (string Address, int Port) ServiceAddress(CheckServiceNode row, DnsLookup lookup) =>
        lookup.Peer.Length > 0 && row.Service.TaggedAddresses.TryGetValue("wan", out var wan) && wan.Address.Length > 0
            ? (wan.Address, wan.Port)
            : (row.Service.Address, row.Service.Port);

    private static string NodeAddress(Node node, DnsLookup lookup) =>
        lookup.Peer.Length > 0 && node.TaggedAddresses.TryGetValue("wan", out var wan) && wan.Length > 0 ? wan : node.Address;

    /// <summary>
    /// The records for one instance (Consul's rules): its service address when it has one, else its node's; an IP gives
    /// an A/AAAA record (or an SRV whose target is the node's name, or <c>&lt;hex&gt;.addr</c> for a service address,
    /// with the address in the additional section), a host name gives a CNAME (or an SRV pointing at it).
    /// </summary>
    private (List<DnsRecordBase> Answers, List<DnsRecordBase> Extra) InstanceRecords(
        DnsQueryContext query, CheckServiceNode row, TimeSpan ttl)
    {
        var lookup = query.Lookup;
        var (serviceAddress, port) = ServiceAddress(row, lookup);
        var nodeAddress = NodeAddress(row.Node, lookup);
        if (serviceAddress.Length == 0 && nodeAddress.Length == 0)
        {
            return ([], []);
        }

        _ = IPAddress.TryParse(nodeAddress, out var nodeIp);
        if (serviceAddress.Length == 0 && nodeIp is not null)
        {
            return nodeAddress != row.Node.Address
                ? FromIp(query, row, nodeIp, port, ttl)
                : FromNode(query, row, nodeIp, port, ttl);
        }

        if (serviceAddress.Length == 0)
        {
            return FromHostName(query, row, nodeAddress, port, ttl);
        }

        if (IPAddress.TryParse(serviceAddress, out var serviceIp))
        {
            return FromIp(query, row, serviceIp, port, ttl);
        }

        return nodeIp is not null && Fqdn(serviceAddress).Equals(query.Name.ToString(), StringComparison.OrdinalIgnoreCase)
            ? FromNode(query, row, nodeIp, port, ttl)
            : FromHostName(query, row, serviceAddress, port, ttl);
    }

    private (List<DnsRecordBase>, List<DnsRecordBase>) FromNode(DnsQueryContext query, CheckServiceNode row, IPAddress ip, int port,
        TimeSpan ttl)
    {
        var (name, type) = (query.Name, query.Type);
        if (type != RecordType.Srv)
        {
            return (AddressRecord(ip, type, name, ttl) is { } a ? [a] : [], []);
        }

        var target = NodeFqdn(query.Lookup, row.Node.Name, query.RespDomain);
        return ([Srv(row, port, name, target, ttl)], AddressRecord(ip, type, target, ttl) is { } glue ? [glue] : []);
    }

    private (List<DnsRecordBase>, List<DnsRecordBase>) FromIp(DnsQueryContext query, CheckServiceNode row, IPAddress ip, int port,
        TimeSpan ttl)
    {
        var (name, type, respDomain) = (query.Name, query.Type, query.RespDomain);
        if (type != RecordType.Srv)
        {
            return (AddressRecord(ip, type, name, ttl) is { } a ? [a] : [], []);
        }

        var hex = Convert.ToHexStringLower(ip.GetAddressBytes());
        var target = DomainName.Parse(
            query.Lookup.Peer.Length > 0 ? $"{hex}.addr.{respDomain}" : $"{hex}.addr.{options.Datacenter}.{respDomain}");
        return ([Srv(row, port, name, target, ttl)], AddressRecord(ip, type, target, ttl) is { } glue ? [glue] : []);
    }

    private (List<DnsRecordBase>, List<DnsRecordBase>) FromHostName(
        DnsQueryContext query, CheckServiceNode row, string host, int port, TimeSpan ttl)
    {
        var target = DomainName.Parse(Fqdn(host));
        var resolved = query.Depth <= 1 ? [] : ResolveInside(query.Snapshot, target, query.RespDomain, query.Depth - 1);
        return query.Type == RecordType.Srv
            ? ([Srv(row, port, query.Name, target, ttl)], resolved)
            : ([new CNameRecord(query.Name, Seconds(ttl), target), .. resolved], []);
    }

    // A CNAME target inside the domain is answered here (Consul resolves it internally); outside it is left to the client.
    private List<DnsRecordBase> ResolveInside(StateSnapshot s, DomainName target, DomainName respDomain, int depth)
    {
        if (DnsNames.TrimDomain(target.ToString(), options.Domain, options.AltDomain) is null)
        {
            return [];
        }

        var inner = new DnsMessage();
        Dispatch(s, target, RecordType.Any, respDomain, inner, depth);
        return [.. inner.AnswerRecords];
    }

    private static SrvRecord Srv(CheckServiceNode row, int port, DomainName name, DomainName target, TimeSpan ttl) =>
        new(name, Seconds(ttl), 1, (ushort)Weight(row), (ushort)port, target);

    // Consul's weight: the instance's Weights.Warning when its checks aggregate to warning, Weights.Passing otherwise.
    private static int Weight(CheckServiceNode row)
    {
        var status = row.Checks
            .Where(c => c.ServiceName.Length == 0 || c.ServiceName == row.Service.Service)
            .Aggregate(HealthStatus.Passing, (worst, c) => HealthStatus.Worst(worst, c.Status));
        return status == HealthStatus.Warning ? row.Service.Weights.Warning : row.Service.Weights.Passing;
    }

    private DomainName NodeFqdn(DnsLookup lookup, string node, DomainName respDomain) =>
        DomainName.Parse(lookup.Peer.Length > 0
            ? $"{node.ToLowerInvariant()}.node.{lookup.Peer}.peer.{respDomain}"
            : $"{node.ToLowerInvariant()}.node.{options.Datacenter}.{respDomain}");

    private static string Fqdn(string host) => host.EndsWith('.') ? host : host + ".";
}
