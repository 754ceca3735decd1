using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.State.Store;

namespace Parley.Dns;

internal sealed partial class DnsResponder
{
    /// <summary>
    /// A reverse (<c>in-addr.arpa</c>/<c>ip6.arpa</c>) question: the local node with that address, else a service
    /// instance registered with it, as <c>&lt;node&gt;.node.&lt;dc&gt;.&lt;domain&gt;</c> or
    /// <c>&lt;service&gt;.service.&lt;dc&gt;.&lt;domain&gt;</c>; null when nothing here has the address.
    /// </summary>
    public DnsMessage? Reverse(StateSnapshot snapshot, DnsMessage query)
    {
        var question = query.Questions[0];
        var domain = DomainName.Parse(options.Domain);
        var target = snapshot.Nodes().FirstOrDefault(n => MayRead(n) && ReverseName(n.Address) == question.Name) is { } node
            ? DomainName.Parse($"{node.Name.ToLowerInvariant()}.node.{options.Datacenter}.{domain}")
            : snapshot.Services()
                .FirstOrDefault(i => i.Address.Length > 0 && ReverseName(i.Address) == question.Name && MayReadInstance(i)) is { } instance
                ? DomainName.Parse($"{instance.Service.ToLowerInvariant()}.service.{options.Datacenter}.{domain}")
                : null;
        if (target is null)
        {
            return null;
        }

        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        response.IsRecursionAllowed = options.Recursors.Count > 0;
        response.AnswerRecords.Add(new PtrRecord(question.Name, 0, target));
        return response;
    }

    /// <summary>A reply for a reverse question nothing answered and no recursor may: NXDOMAIN with the SOA.</summary>
    public DnsMessage ReverseNotFound(DnsMessage query)
    {
        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        response.ReturnCode = ReturnCode.NxDomain;
        response.AuthorityRecords.Add(Soa(DomainName.Parse(options.Domain)));
        return response;
    }

    /// <summary>A local instance (reverse lookups answer local ones only): <c>service:read</c> and <c>node:read</c>.</summary>
    private bool MayReadInstance(Core.Catalog.ServiceInstance instance) =>
        Acl is null || (Acl.Allows(Core.Acl.AclResource.Service, Core.Acl.AclAccess.Read, instance.Service)
            && Acl.Allows(Core.Acl.AclResource.Node, Core.Acl.AclAccess.Read, instance.Node));

    private static DomainName? ReverseName(string address) =>
        System.Net.IPAddress.TryParse(address, out var ip) ? ip.GetReverseLookupDomain() : null;
}
