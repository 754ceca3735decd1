using System.Globalization;

namespace Parley.Cli;

/// <summary>Ages and countdowns in words for people reading a terminal: <c>12s ago</c>, <c>in 59m</c>.</summary>
internal static class AgeWords
{
    /// <summary><c>12s ago</c> for a past <paramref name="time"/>, <c>in 4m</c> for a future one, <c>never</c> for null.</summary>
    public static string Relative(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t || t == DateTimeOffset.MinValue)
        {
            return "never";
        }

        var delta = now - t;
        return delta >= TimeSpan.Zero ? Span(delta) + " ago" : "in " + Span(-delta);
    }

    /// <summary>The largest whole unit of <paramref name="span"/>: <c>12s</c>, <c>5m</c>, <c>3h</c>, <c>2d</c>.</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
        { TotalMinutes: < 60 } => ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m",
        { TotalHours: < 48 } => ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h",
        _ => ((long)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "d",
    };
}
