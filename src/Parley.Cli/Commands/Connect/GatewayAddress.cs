using System.Globalization;
using System.Net;
using Parley.Client;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// The <c>-address</c> and <c>-wan-address</c> values of a gateway registration, read as Consul's
/// <c>ServiceAddressValue</c> does: <c>host:port</c>, or an IP address alone with the default port 8443.
/// </summary>
internal static class GatewayAddress
{
    /// <summary>The port a gateway address without one gets (Consul's <c>defaultGatewayPort</c>).</summary>
    public const int DefaultPort = 8443;

    /// <summary>Parses <paramref name="raw"/>; false with Consul's message when it is not an address.</summary>
    public static bool TryParse(string raw, out ServiceAddress address, out string error)
    {
        address = new ServiceAddress();
        error = "";
        string host;
        string? portText = null;
        if (raw.StartsWith('[') && raw.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            host = raw[1..close];
            var rest = raw[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    error = $"Error parsing address \"{raw}\": address {raw}: unexpected characters after ']'";
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (raw.Count(c => c == ':') == 1)
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            host = raw[..colon];
            portText = raw[(colon + 1)..];
        }
        else
        {
            host = raw;
        }

        if (portText is null && !IPAddress.TryParse(host, out _))
        {
            error = $"Error parsing address \"{raw}\": not an IP address";
            return false;
        }

        var port = DefaultPort;
        if (portText is not null && !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            error = $"Error parsing port \"{portText}\": strconv.Atoi: parsing \"{portText}\": invalid syntax";
            return false;
        }

        address = new ServiceAddress { Address = host, Port = port };
        return true;
    }
}
