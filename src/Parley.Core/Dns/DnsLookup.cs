namespace Parley.Core.Dns;

/// <summary>A parsed DNS question: the kind and the names it carries. Empty strings mean "not given".</summary>
/// <param name="Kind">What is asked.</param>
/// <param name="Name">The service, node, prepared query or (hex) address.</param>
/// <param name="Tag">The service tag to filter on (service lookups).</param>
/// <param name="Datacenter">The datacenter asked for; empty for the agent's own.</param>
/// <param name="Peer">The peer whose imported data is asked for; empty for local data.</param>
public sealed record DnsLookup(DnsLookupKind Kind, string Name = "", string Tag = "", string Datacenter = "", string Peer = "")
{
    /// <summary>The answer for names Consul refuses.</summary>
    public static readonly DnsLookup Invalid = new(DnsLookupKind.Invalid);
}
