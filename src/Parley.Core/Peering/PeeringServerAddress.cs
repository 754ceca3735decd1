namespace Parley.Core.Peering;

/// <summary>
/// The <c>host:port</c> rule for peering server addresses, as Consul checks it on establish
/// (Go's <c>net.SplitHostPort</c>, then <c>strconv.Atoi</c>, then 1..65535).
/// </summary>
public static class PeeringServerAddress
{
    /// <summary>True when <paramref name="address"/> is a valid peering server address.</summary>
    public static bool IsValid(string? address) => TryParse(address, out _, out _);

    /// <summary>Returns <c>&lt;addr&gt; is not a valid peering server address</c>, or <see langword="null"/> when valid.</summary>
    public static string? Validate(string? address) =>
        IsValid(address) ? null : $"{address} is not a valid peering server address";

    /// <summary>
    /// Splits <paramref name="address"/> into host and port. The host may be empty (<c>:8503</c>) or a bracketed
    /// IPv6 literal (<c>[::1]:8503</c>, host returned without brackets), as Go allows.
    /// </summary>
    public static bool TryParse(string? address, out string host, out int port)
    {
        host = "";
        port = 0;
        if (address is null || !TrySplitHostPort(address, out host, out var portText) || !TryParseGoInt(portText, out var value))
        {
            return false;
        }

        if (value is < 1 or > 65535)
        {
            return false;
        }

        port = (int)value;
        return true;
    }

    // Mirrors Go's net.SplitHostPort: the port follows the last colon; a leading '[' needs a matching ']' right
    // before it; otherwise the host may hold no colon; stray brackets are refused.
    private static bool TrySplitHostPort(string hostPort, out string host, out string port)
    {
        host = "";
        port = "";
        var i = hostPort.LastIndexOf(':');
        if (i < 0)
        {
            return false;
        }

        int j = 0, k = 0;
        if (hostPort.Length > 0 && hostPort[0] == '[')
        {
            var end = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (end < 0 || end + 1 != i)
            {
                return false;
            }

            host = hostPort[1..end];
            j = 1;
            k = end + 1;
        }
        else
        {
            host = hostPort[..i];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (hostPort.AsSpan(j).Contains('[') || hostPort.AsSpan(k).Contains(']'))
        {
            return false;
        }

        port = hostPort[(i + 1)..];
        return true;
    }

    // Go's strconv.Atoi: optional sign, then one or more ASCII digits; "+80" and "0080" are fine.
    private static bool TryParseGoInt(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            // Anything past 65535 is refused anyway; stop before overflowing.
            if (value <= int.MaxValue)
            {
                value = (value * 10) + (c - '0');
            }
        }

        value = negative ? -value : value;
        return true;
    }
}
