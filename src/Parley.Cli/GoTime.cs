using System.Globalization;

namespace Parley.Cli;

/// <summary>Formats times as Go's <c>time.Time.String()</c> does, for output that matches Consul's CLI.</summary>
internal static class GoTime
{
    /// <summary>
    /// <c>2024-05-01 10:00:15.123 +0000 UTC</c>: fraction without trailing zeros, numeric offset and zone name
    /// (<c>UTC</c> for offset zero); <c>&lt;nil&gt;</c> for null, as Go prints a nil <c>*time.Time</c>.
    /// </summary>
    public static string Format(DateTimeOffset? value)
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
