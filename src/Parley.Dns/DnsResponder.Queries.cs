using Parley.Core;
using Parley.Core.Dns;
using Parley.Core.PreparedQueries;
using Parley.State.Store;

namespace Parley.Dns;

internal sealed partial class DnsResponder
{
    /// <summary>
    /// <c>&lt;name&gt;.query[.&lt;dc&gt;].&lt;domain&gt;</c>: the prepared query the name resolves to (by ID, name or template
    /// prefix), executed as <c>/v1/query/:name/execute</c> executes it (as the query's own token when it has one), so a failover to a peer
    /// answers from that peer's
    /// imported instances, addressed as a <c>.peer</c> lookup would be. The TTL is the query's <c>DNS.TTL</c>, else the
    /// <c>service_ttl</c> of the service it looked up. Instances are filtered by the DNS token, as every DNS answer is. An
    /// unknown query is a name error, as in Consul.
    /// </summary>
    private Outcome PreparedQuery(DnsQueryContext context)
    {
        var (s, lookup) = (context.Snapshot, context.Lookup);
        PreparedQuery? query;
        try
        {
            query = s.ResolvePreparedQuery(lookup.Name);
        }
        catch (ParleyException)
        {
            // A template named by its ID: Consul's resolve error, which its DNS server answers as a name error.
            return Outcome.NameError;
        }

        if (query is null)
        {
            return Outcome.NameError;
        }

        // A query with a token of its own reads as that token, whoever asks (Consul's rule, as over HTTP).
        var reader = query.Token.Length > 0 && TokenAuthorizer?.Invoke(query.Token) is { } own ? As(own) : this;
        var result = PreparedQueryExecutor.Execute(
            s,
            query,
            new PreparedQueryRequest(options.Datacenter, options.NodeName),
            reader.MayRead,
            random);
        var ttl = PreparedQueryRules.DnsTtl(query) ?? options.ServiceTtl.For(query.Service.Service);
        var answered = new DnsLookup(DnsLookupKind.Service, query.Service.Service, "", "", result.PeerName);
        return Instances(context with { Lookup = answered }, [.. result.Nodes], ttl);
    }
}
