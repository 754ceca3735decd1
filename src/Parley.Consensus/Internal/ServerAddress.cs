using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Parley.Consensus.Internal;

/// <summary>Parses and formats server addresses (<c>host:port</c> of the server port).</summary>
internal static class ServerAddress
{
    /// <summary>Parses an IP literal or <c>localhost</c> with a port; host names are resolved by <see cref="Resolve"/>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (IPEndPoint.TryParse(text, out var ip) && ip.Port is > 0 and <= IPEndPoint.MaxPort
            && text.Contains(':', StringComparison.Ordinal))
        {
            endPoint = ip;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is <= 0 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon];
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return false;
        }

        endPoint = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? new IPEndPoint(IPAddress.Loopback, port)
            : new DnsEndPoint(host, port);
        return true;
    }

    /// <summary>Parses and resolves <paramref name="text"/> to an IP end point (the first IPv4 address of a host name).</summary>
    /// <exception cref="FormatException">The text is not <c>host:port</c>.</exception>
    public static IPEndPoint Resolve(string text)
    {
        if (!TryParse(text, out var endPoint))
        {
            throw new FormatException($"'{text}' is not host:port");
        }

        if (endPoint is IPEndPoint ip)
        {
            return ip;
        }

        var dns = (DnsEndPoint)endPoint;
        var addresses = Dns.GetHostAddresses(dns.Host);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new FormatException($"'{dns.Host}' does not resolve to an address");
        return new IPEndPoint(address, dns.Port);
    }

    /// <summary>Whether <paramref name="endPoint"/> is a wildcard (any) address that others cannot dial.</summary>
    public static bool IsWildcard(EndPoint endPoint)
        => endPoint is IPEndPoint ip && (ip.Address.Equals(IPAddress.Any) || ip.Address.Equals(IPAddress.IPv6Any));

    /// <summary>Formats an end point as <c>host:port</c> (<c>[v6]:port</c> for IPv6).</summary>
    public static string Format(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => ip.ToString(),
        DnsEndPoint dns => $"{dns.Host}:{dns.Port.ToString(CultureInfo.InvariantCulture)}",
        _ => endPoint.ToString() ?? string.Empty,
    };
}
