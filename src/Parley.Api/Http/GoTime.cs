using System.Globalization;

namespace Parley.Api.Http;

/// <summary>Times as Go's RFC 3339 with nanoseconds (trailing zeros trimmed), in UTC, as Consul's JSON has them.</summary>
public static class GoTime
{
    /// <summary>Go's zero time, which Consul reports for "never" in a few fields.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    public static string? FormatOrNull(DateTimeOffset? time) => time is { } t ? Format(t) : null;
}
