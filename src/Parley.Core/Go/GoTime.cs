using System.Globalization;

namespace Parley.Core.Go;

/// <summary>Times as Go prints them: RFC 3339 in Consul's JSON, <c>time.Time.String()</c> in its CLI output.</summary>
public static class GoTime
{
    /// <summary>Go's zero time, which Consul reports for "never" in a few fields.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    /// <summary>RFC 3339 with nanoseconds (trailing zeros trimmed), in UTC: how Consul's JSON carries a time.</summary>
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    public static string? FormatOrNull(DateTimeOffset? time) => time is { } t ? Format(t) : null;

    /// <summary>
    /// Go's <c>time.Time.String()</c>, as Consul's CLI prints times: <c>2024-05-01 10:00:15.123 +0000 UTC</c> (fraction
    /// without trailing zeros, numeric offset, the zone name <c>UTC</c> for offset zero); <c>&lt;nil&gt;</c> for null,
    /// as Go prints a nil <c>*time.Time</c>.
    /// </summary>
    public static string ToGoString(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return "<nil>";
        }

        var text = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        text += $" {sign}{magnitude.Hours:00}{magnitude.Minutes:00}";
        return text + (offset == TimeSpan.Zero ? " UTC" : string.Empty);
    }
}
