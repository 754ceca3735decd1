using System.Globalization;
using System.Text;

namespace Parley.Hcl;

/// <summary>Character classes and quoting shared by the lexer and the error messages.</summary>
internal static class HclText
{
    // Long values in messages are cut so one bad line cannot produce a megabyte of error text.
    private const int MaxQuotedLength = 40;

    public static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    public static bool IsIdentifierPart(char c) => c is '_' or '-' or '.' || char.IsLetterOrDigit(c);

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    /// <summary>Quotes <paramref name="value"/> for a message, escaping quotes and control characters.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 8).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            if (i == MaxQuotedLength)
            {
                builder.Append("...");
                break;
            }

            AppendEscaped(builder, value[i]);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Describes one character for "unexpected character" messages.</summary>
    public static string DescribeChar(char c)
    {
        if (char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c))
        {
            return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        }

        return c == '\'' ? "\"'\"" : $"'{c}'";
    }

    private static void AppendEscaped(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '"':
                builder.Append("\\\"");
                break;
            case '\\':
                builder.Append("\\\\");
                break;
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            default:
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }

                break;
        }
    }
}
