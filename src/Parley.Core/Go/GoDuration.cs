using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Parley.Core.Go;

/// <summary>
/// Go's duration text (<c>time.ParseDuration</c> / <c>time.Duration.String</c>): <c>15s</c>, <c>1m30s</c>,
/// <c>1h0m0s</c>, <c>500ms</c>, <c>1.5µs</c>. Consul writes every duration in config entries this way.
/// </summary>
/// <remarks>
/// <see cref="TimeSpan"/> holds 100 ns ticks while Go holds nanoseconds, so parsing rounds towards zero to the
/// tick; everything Consul users write (milliseconds and up) round-trips exactly.
/// </remarks>
public static class GoDuration
{
    private const long NanosPerTick = 100;

    private static readonly (string Unit, decimal Nanos)[] Units =
    [
        ("ns", 1m),
        ("us", 1_000m),
        ("\u00b5s", 1_000m), // U+00B5 micro sign
        ("\u03bcs", 1_000m), // U+03BC Greek small letter mu
        ("ms", 1_000_000m),
        ("s", 1_000_000_000m),
        ("m", 60_000_000_000m),
        ("h", 3_600_000_000_000m),
    ];

    /// <summary>Parses Go duration text; throws <see cref="FormatException"/> with Go's message on bad input.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var value, out var error))
        {
            throw new FormatException(error);
        }

        return value;
    }

    /// <summary>Parses Go duration text without throwing.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses Go duration text; on failure <paramref name="error"/> holds Go's message, e.g.
    /// <c>time: invalid duration "abc"</c>.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (text is null)
        {
            error = "time: invalid duration \"\"";
            return false;
        }

        var invalid = $"time: invalid duration {GoQuote.Quote(text)}";
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            error = invalid;
            return false;
        }

        decimal totalNanos = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var intPart = s[..i];
            s = s[i..];
            var fracPart = ReadOnlySpan<char>.Empty;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                i = 0;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                fracPart = s[..i];
                s = s[i..];
            }

            if (intPart.IsEmpty && fracPart.IsEmpty)
            {
                error = invalid;
                return false;
            }

            i = 0;
            while (i < s.Length && s[i] != '.' && !char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var unitText = s[..i].ToString();
            s = s[i..];
            if (unitText.Length == 0)
            {
                error = $"time: missing unit in duration {GoQuote.Quote(text)}";
                return false;
            }

            var unitNanos = 0m;
            foreach (var (unit, nanos) in Units)
            {
                if (unit == unitText)
                {
                    unitNanos = nanos;
                    break;
                }
            }

            if (unitNanos == 0m)
            {
                error = $"time: unknown unit {GoQuote.Quote(unitText)} in duration {GoQuote.Quote(text)}";
                return false;
            }

            try
            {
                var number = decimal.Parse(
                    (intPart.IsEmpty ? "0" : intPart.ToString()) + (fracPart.IsEmpty ? "" : "." + fracPart.ToString()),
                    NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture);
                totalNanos += number * unitNanos;
            }
            catch (OverflowException)
            {
                error = invalid;
                return false;
            }

            if (totalNanos > long.MaxValue)
            {
                error = invalid;
                return false;
            }
        }

        var ticks = (long)decimal.Truncate(totalNanos / NanosPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c>: <c>0s</c>, <c>500ms</c>, <c>15s</c>, <c>1m30s</c>, <c>1h0m0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var nanos = (decimal)value.Ticks * NanosPerTick;
        var negative = nanos < 0;
        var u = (ulong)Math.Abs(nanos);
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            if (u == 0)
            {
                return "0s";
            }

            string unit;
            int precision;
            if (u < 1_000UL)
            {
                unit = "ns";
                precision = 0;
            }
            else if (u < 1_000_000UL)
            {
                unit = "\u00b5s";
                precision = 3;
            }
            else
            {
                unit = "ms";
                precision = 6;
            }

            var (whole, frac) = SplitFraction(u, precision);
            sb.Append(whole.ToString(CultureInfo.InvariantCulture)).Append(frac).Append(unit);
        }
        else
        {
            var (seconds, frac) = SplitFraction(u, 9);
            var text = (seconds % 60).ToString(CultureInfo.InvariantCulture) + frac + "s";
            var minutes = seconds / 60;
            if (minutes > 0)
            {
                text = (minutes % 60).ToString(CultureInfo.InvariantCulture) + "m" + text;
                var hours = minutes / 60;
                if (hours > 0)
                {
                    text = hours.ToString(CultureInfo.InvariantCulture) + "h" + text;
                }
            }

            sb.Append(text);
        }

        return negative ? "-" + sb : sb.ToString();
    }

    // Go's fmtFrac: the digits below 10^precision, trailing zeros dropped, no point when they are all zero.
    private static (ulong Whole, string Fraction) SplitFraction(ulong v, int precision)
    {
        ulong scale = 1;
        for (var i = 0; i < precision; i++)
        {
            scale *= 10;
        }

        var frac = v % scale;
        var whole = v / scale;
        if (frac == 0)
        {
            return (whole, "");
        }

        var digits = frac.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        return (whole, "." + digits);
    }
}
