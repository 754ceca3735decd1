using System.Net;

namespace Parley.Agent.Hosting;

/// <summary>Turns configured addresses and ports into endpoints and <c>host:port</c> strings.</summary>
internal static class Endpoints
{
    public static IPEndPoint Parse(string address, int port) =>
        address == "localhost" ? new IPEndPoint(IPAddress.Loopback, port)
        : IPAddress.TryParse(address.Trim('[', ']'), out var ip) ? new IPEndPoint(ip, port)
        : throw new Configuration.ConfigException($"\"{address}\" is not an IP address");

    public static string Format(string address, int port) =>
        (address.Contains(':', StringComparison.Ordinal)
            && !address.StartsWith('[') ? $"[{address}]" : address) + ":"
            + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
