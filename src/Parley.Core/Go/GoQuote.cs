using System.Globalization;
using System.Text;

namespace Parley.Core.Go;

/// <summary>Go's <c>strconv.Quote</c> (what <c>%q</c> prints for a string), for the error texts Consul formats with it.</summary>
public static class GoQuote
{
    /// <summary>
    /// The string in double quotes: <c>"</c> and <c>\</c> escaped, Go's named escapes for BEL, BS, FF, LF, CR, TAB and
    /// VT, other ASCII controls and DEL as <c>\xNN</c>, the C1 controls as <c>\u00NN</c>, a lone surrogate (which Go
    /// would have received as U+FFFD) as that character; everything else as it is.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\a' => builder.Append("\\a"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\v' => builder.Append("\\v"),
                < ' ' or '\x7f' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) =>
                    builder.Append(c).Append(value[++i]),
                _ when char.IsSurrogate(c) => builder.Append('\uFFFD'),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
