using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.Dns;
using Parley.State.Store;

namespace Parley.Dns;

/// <summary>
/// Answers one DNS question under the agent's domain from one state snapshot, as Consul's DNS server does: service,
/// connect, node, address, peer and prepared query lookups, SOA and NS, NXDOMAIN with the SOA in the authority section, and the
/// trimming of UDP and TCP replies. Pure apart from the shuffle and the SOA serial (the clock).
/// </summary>
internal sealed partial class DnsResponder(DnsOptions options, TimeProvider timeProvider, Random random)
{
    // How deep CNAME targets inside the domain are resolved (Consul's maxRecursionLevelDefault).
    private const int MaxDepth = 3;

    /// <summary>What the answering token may read; null with ACLs off (everything).</summary>
    private AclAuthorizer? Acl { get; init; }

    /// <summary>Resolves a prepared query's own token; null (the default) when ACLs are off.</summary>
    public Func<string, AclAuthorizer?>? TokenAuthorizer { get; init; }

    /// <summary>This responder answering as <paramref name="acl"/> (null: ACLs off), for one query.</summary>
    public DnsResponder As(AclAuthorizer? acl) =>
        acl is null ? this : new DnsResponder(options, timeProvider, random) { Acl = acl, TokenAuthorizer = TokenAuthorizer };

    /// <summary>Consul's catalog filter: <c>service:read</c> on the service and, for a local row, <c>node:read</c> on its node.</summary>
    private bool MayRead(CheckServiceNode row) =>
        Acl is null || (Acl.Allows(AclResource.Service, AclAccess.Read, row.Service.Service)
            && (row.Node.PeerName.Length > 0 || Acl.Allows(AclResource.Node, AclAccess.Read, row.Node.Name)));

    private bool MayRead(Node node) => Acl is null || node.PeerName.Length > 0 || Acl.Allows(AclResource.Node, AclAccess.Read, node.Name);

    /// <summary>The reply to <paramref name="query"/> (one question under the domain) over UDP or TCP.</summary>
    public DnsMessage Answer(StateSnapshot snapshot, DnsMessage query, bool tcp)
    {
        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        response.IsRecursionAllowed = options.Recursors.Count > 0;
        var question = query.Questions[0];
        var respDomain = ResponseDomain(question.Name);
        switch (question.RecordType)
        {
            case RecordType.Soa:
                response.AnswerRecords.Add(Soa(respDomain));
                AddNameServers(snapshot, respDomain, response.AuthorityRecords, response.AdditionalRecords);
                break;
            case RecordType.Ns:
                AddNameServers(snapshot, respDomain, response.AnswerRecords, response.AdditionalRecords);
                break;
            case RecordType.Axfr:
                response.ReturnCode = ReturnCode.NotImplemented;
                break;
            default:
                var outcome = Dispatch(snapshot, question.Name, question.RecordType, respDomain, response, MaxDepth);
                if (outcome is Outcome.NameError or Outcome.NoData)
                {
                    response.AuthorityRecords.Add(Soa(respDomain));
                }

                response.ReturnCode = outcome == Outcome.NameError ? ReturnCode.NxDomain : ReturnCode.NoError;
                break;
        }

        DnsTrim.Trim(query, response, tcp, options);
        return response;
    }

    /// <summary>What a lookup found: answers, a name with no records of the asked type, or no such name.</summary>
    private enum Outcome
    {
        Answered,
        NoData,
        NameError,
    }

    private Outcome Dispatch(StateSnapshot s, DomainName name, RecordType type, DomainName respDomain, DnsMessage response, int depth)
    {
        var relative = DnsNames.TrimDomain(name.ToString(), options.Domain, options.AltDomain);
        var lookup = relative is null ? DnsLookup.Invalid : DnsNames.Parse(relative, type == RecordType.Srv);
        if (lookup.Datacenter.Length > 0 && !lookup.Datacenter.Equals(options.Datacenter, StringComparison.OrdinalIgnoreCase))
        {
            // Parley serves its own datacenter only: Consul's "No path to datacenter" is a name error over DNS.
            return Outcome.NameError;
        }

        var query = new DnsQueryContext(s, lookup, name, type, respDomain, response, depth);
        return lookup.Kind switch
        {
            DnsLookupKind.Service or DnsLookupKind.Connect or DnsLookupKind.Ingress => Services(query),
            DnsLookupKind.Node => NodeRecords(query),
            DnsLookupKind.Address => AddressRecord(query),

            // No virtual IPs are allocated yet: the name exists, with nothing to answer (Consul's answer for a service
            // without one).
            DnsLookupKind.Virtual => Outcome.Answered,
            DnsLookupKind.Query => PreparedQuery(query),
            _ => Outcome.NameError,
        };
    }

    private DomainName ResponseDomain(DomainName question)
    {
        var text = question.ToString().TrimEnd('.').ToLowerInvariant() + ".";
        return options.AltDomain is { } alt && (text == alt || text.EndsWith("." + alt, StringComparison.Ordinal))
            && !text.EndsWith("." + options.Domain, StringComparison.Ordinal)
            ? DomainName.Parse(alt)
            : DomainName.Parse(options.Domain);
    }

    private SoaRecord Soa(DomainName domain) => new(
        domain,
        options.Soa.MinTtl,
        DomainName.Parse("ns." + domain),
        DomainName.Parse("hostmaster." + domain),
        (uint)timeProvider.GetUtcNow().ToUnixTimeSeconds(),
        options.Soa.Refresh,
        options.Soa.Retry,
        options.Soa.Expire,
        options.Soa.MinTtl);

    // Up to three servers of this datacenter, shuffled, as NS records with their addresses as glue.
    private void AddNameServers(StateSnapshot s, DomainName domain, List<DnsRecordBase> ns, List<DnsRecordBase> glue)
    {
        var servers = Healthy(s.CheckServiceNodes("consul").Where(MayRead), onlyPassing: false);
        Shuffle(servers);
        foreach (var server in servers.Take(3))
        {
            var fqdn = DomainName.Parse($"{server.Node.Name.ToLowerInvariant()}.node.{options.Datacenter}.{domain}");
            ns.Add(new NsRecord(domain, Seconds(options.NodeTtl), fqdn));
            glue.AddRange(NodeAddressRecords(server.Node.Address, RecordType.Any, fqdn, options.NodeTtl));
        }
    }

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static int Seconds(TimeSpan ttl) => (int)Math.Min(int.MaxValue, ttl.TotalSeconds);
}
