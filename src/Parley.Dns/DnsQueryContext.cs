using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Core.Dns;
using Parley.State.Store;

namespace Parley.Dns;

/// <summary>One lookup being answered: what every lookup handler of <see cref="DnsResponder"/> reads and writes to.</summary>
/// <param name="Snapshot">The state the whole reply is answered from.</param>
/// <param name="Lookup">The parsed name (kind, service or node, tag, peer); its peer picks imported addressing.</param>
/// <param name="Name">The name asked for, as asked (records carry it).</param>
/// <param name="Type">The record type asked for.</param>
/// <param name="RespDomain">The domain the answer is given under (the domain or the alt domain the question used).</param>
/// <param name="Response">The reply being built.</param>
/// <param name="Depth">How many more CNAME targets inside the domain may be resolved.</param>
internal readonly record struct DnsQueryContext(
    StateSnapshot Snapshot, DnsLookup Lookup, DomainName Name, RecordType Type, DomainName RespDomain, DnsMessage Response, int Depth);
