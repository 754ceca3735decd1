using System.Net;

namespace Parley.Proxy.Forwarding;

/// <summary>Turns an address and port from the catalog into something to dial or put in a URI.</summary>
internal static class Endpoints
{
    /// <summary>An <see cref="IPEndPoint"/> for an IP literal, otherwise a <see cref="DnsEndPoint"/> resolved at dial time.</summary>
    public static EndPoint Parse(string address, int port) =>
        IPAddress.TryParse(address, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(address, port);

    /// <summary><c>host:port</c>, with an IPv6 literal in brackets.</summary>
    public static string Format(string address, int port) =>
        address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";
}
