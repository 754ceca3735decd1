using System.Text;

namespace Parley.Hcl;

internal sealed partial class HclLexer
{
    /// <summary>
    /// Decodes the escape sequence starting at the backslash at <see cref="_pos"/>: <c>\n \t \r \" \\ \/ \b \f</c>,
    /// <c>\uXXXX</c> (a surrogate pair is two of them) and <c>\UXXXXXXXX</c>.
    /// </summary>
    private void ReadEscape(StringBuilder builder)
    {
        var at = Position;
        _pos++;
        if (_pos >= _text.Length)
        {
            throw Error(at, "unterminated string: expected a closing '\"'");
        }

        var c = _text[_pos++];
        switch (c)
        {
            case 'n':
                builder.Append('\n');
                return;
            case 't':
                builder.Append('\t');
                return;
            case 'r':
                builder.Append('\r');
                return;
            case '"':
                builder.Append('"');
                return;
            case '\\':
                builder.Append('\\');
                return;
            case '/':
                builder.Append('/');
                return;
            case 'b':
                builder.Append('\b');
                return;
            case 'f':
                builder.Append('\f');
                return;
            case 'u':
                ReadUtf16Escape(builder, at);
                return;
            case 'U':
                ReadCodePointEscape(builder, at);
                return;
            default:
                var shown = c == '\n' ? "a newline" : HclText.DescribeChar(c);
                throw Error(at,
                    $"invalid escape sequence: '\\' followed by {shown};" +
                    $" valid escapes are \\n \\t \\r \\\" \\\\ \\/ \\b \\f \\uXXXX \\UXXXXXXXX");
        }
    }

    private void ReadUtf16Escape(StringBuilder builder, SourcePosition at)
    {
        var unit = (char)ReadHex(4, at, "\\u");
        if (char.IsLowSurrogate(unit))
        {
            throw Error(at, $"invalid unicode escape \\u{(int)unit:X4}: a low surrogate must follow a high surrogate");
        }

        if (char.IsHighSurrogate(unit))
        {
            // JSON's convention: a character outside the BMP is written as two \u escapes.
            if (Peek(0) != '\\' || Peek(1) != 'u')
            {
                throw Error(at, $"invalid unicode escape \\u{(int)unit:X4}: a high surrogate must be followed by a \\u low surrogate");
            }

            var lowAt = Position;
            _pos += 2;
            var low = (char)ReadHex(4, lowAt, "\\u");
            if (!char.IsLowSurrogate(low))
            {
                throw Error(at, $"invalid unicode escape \\u{(int)unit:X4}: a high surrogate must be followed by a \\u low surrogate");
            }

            builder.Append(unit).Append(low);
            return;
        }

        builder.Append(unit);
    }

    private void ReadCodePointEscape(StringBuilder builder, SourcePosition at)
    {
        var codePoint = ReadHex(8, at, "\\U");
        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw Error(at, $"invalid unicode escape \\U{codePoint:X8}: not a Unicode scalar value");
        }

        builder.Append(char.ConvertFromUtf32((int)codePoint));
    }

    private uint ReadHex(int digits, SourcePosition at, string prefix)
    {
        uint value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = Peek(0);
            if (!HclText.IsHexDigit(c))
            {
                throw Error(at, $"invalid unicode escape: expected {digits} hex digits after '{prefix}'");
            }

            value = (value << 4) | (uint)(HclText.IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
            _pos++;
        }

        return value;
    }
}
