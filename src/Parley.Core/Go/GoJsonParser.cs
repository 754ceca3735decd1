using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parley.Core.Go;

/// <summary>
/// A strict JSON parser whose syntax errors read exactly like Go's <c>encoding/json</c> scanner
/// (<c>invalid character 'x' looking for beginning of value</c>, <c>unexpected end of JSON input</c>, ...).
/// </summary>
/// <remarks>
/// Consul returns the raw Go error when a peering token is not JSON, and users see that text, so the
/// messages follow Go's scanner state by state. The whole input is checked before any value is used, as
/// Go's <c>checkValid</c> does, so a syntax error always wins over a type error.
/// </remarks>
internal sealed class GoJsonParser
{
    private const int MaxDepth = 10000; // Go's maxNestingDepth.
    private const string UnexpectedEnd = "unexpected end of JSON input";

    private readonly byte[] _s;
    private int _i;
    private int _depth;

    private GoJsonParser(byte[] s) => _s = s;

    /// <summary>Parses one JSON document.</summary>
    /// <exception cref="GoJsonException">The input is not valid JSON; the message is Go's.</exception>
    public static GoJsonValue Parse(byte[] data)
    {
        var parser = new GoJsonParser(data);
        try
        {
            var value = parser.ParseValue();
            parser.SkipSpace();
            if (parser._i < data.Length)
            {
                throw parser.Invalid("after top-level value");
            }

            return value;
        }
        catch (InsufficientExecutionStackException)
        {
            throw new GoJsonException("exceeded max depth");
        }
    }

    private GoJsonValue ParseValue()
    {
        SkipSpace();
        if (_i >= _s.Length)
        {
            throw new GoJsonException(UnexpectedEnd);
        }

        var c = _s[_i];
        switch (c)
        {
            case (byte)'{':
                return ParseObject();
            case (byte)'[':
                return ParseArray();
            case (byte)'"':
                return GoJsonValue.FromString(ParseString());
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                return GoJsonValue.FromNumber(ParseNumber());
            case (byte)'t':
                ExpectLiteral("true");
                return GoJsonValue.FromBool(true);
            case (byte)'f':
                ExpectLiteral("false");
                return GoJsonValue.FromBool(false);
            case (byte)'n':
                ExpectLiteral("null");
                return GoJsonValue.Null;
            default:
                throw Invalid("looking for beginning of value");
        }
    }

    private GoJsonValue ParseObject()
    {
        Enter();
        _i++; // '{'
        var members = new List<KeyValuePair<string, GoJsonValue>>();
        SkipSpace();
        if (Peek() == '}')
        {
            _i++;
            _depth--;
            return GoJsonValue.FromObject(members);
        }

        while (true)
        {
            SkipSpace();
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (_s[_i] != '"')
            {
                throw Invalid("looking for beginning of object key string");
            }

            var key = ParseString();
            SkipSpace();
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (_s[_i] != ':')
            {
                throw Invalid("after object key");
            }

            _i++;
            members.Add(new(key, ParseValue()));
            if (!MoreElements('}', "after object key:value pair"))
            {
                return GoJsonValue.FromObject(members);
            }
        }
    }

    private GoJsonValue ParseArray()
    {
        Enter();
        _i++; // '['
        var items = new List<GoJsonValue>();
        SkipSpace();
        if (Peek() == ']')
        {
            _i++;
            _depth--;
            return GoJsonValue.FromArray(items);
        }

        while (true)
        {
            items.Add(ParseValue());
            if (!MoreElements(']', "after array element"))
            {
                return GoJsonValue.FromArray(items);
            }
        }
    }

    /// <summary>
    /// After an element of an object or array: <see langword="true"/> on a comma (another element follows), <see langword="false"/>
    /// on the <paramref name="close"/> bracket (the container ends here); anything else is Go's error <paramref name="context"/>.
    /// </summary>
    private bool MoreElements(char close, string context)
    {
        SkipSpace();
        if (_i >= _s.Length)
        {
            throw new GoJsonException(UnexpectedEnd);
        }

        if (_s[_i] == ',')
        {
            _i++;
            return true;
        }

        if (_s[_i] != close)
        {
            throw Invalid(context);
        }

        _i++;
        _depth--;
        return false;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new GoJsonException("exceeded max depth");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private string ParseString()
    {
        _i++; // opening quote
        var text = new StringBuilder();
        var runStart = _i;
        while (true)
        {
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            var c = _s[_i];
            if (c == '"')
            {
                AppendUtf8(text, runStart, _i);
                _i++;
                return text.ToString();
            }

            if (c < 0x20)
            {
                throw Invalid("in string literal");
            }

            if (c != '\\')
            {
                _i++;
                continue;
            }

            AppendUtf8(text, runStart, _i);
            _i++;
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            var e = _s[_i];
            switch (e)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                    text.Append((char)e);
                    _i++;
                    break;
                case (byte)'b':
                    text.Append('\b');
                    _i++;
                    break;
                case (byte)'f':
                    text.Append('\f');
                    _i++;
                    break;
                case (byte)'n':
                    text.Append('\n');
                    _i++;
                    break;
                case (byte)'r':
                    text.Append('\r');
                    _i++;
                    break;
                case (byte)'t':
                    text.Append('\t');
                    _i++;
                    break;
                case (byte)'u':
                    _i++;
                    AppendUnicodeEscape(text);
                    break;
                default:
                    throw Invalid("in string escape code");
            }

            runStart = _i;
        }
    }

    // After "\u": four hex digits. A high surrogate followed by an escaped low surrogate is one character; any
    // other surrogate becomes U+FFFD and the following escape is read on its own, as Go's unquote does.
    private void AppendUnicodeEscape(StringBuilder text)
    {
        var unit = ReadHex4();
        if (!char.IsSurrogate(unit))
        {
            text.Append(unit);
            return;
        }

        if (char.IsHighSurrogate(unit) && _i + 1 < _s.Length && _s[_i] == '\\' && _s[_i + 1] == 'u')
        {
            var save = _i;
            _i += 2;
            var low = ReadHex4();
            if (char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                return;
            }

            _i = save;
        }

        text.Append('\uFFFD');
    }

    private char ReadHex4()
    {
        var value = 0;
        for (var n = 0; n < 4; n++)
        {
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            var digit = HexValue(_s[_i]);
            if (digit < 0)
            {
                throw Invalid("in \\u hexadecimal character escape");
            }

            value = (value << 4) | digit;
            _i++;
        }

        return (char)value;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private string ParseNumber()
    {
        var start = _i;
        if (_s[_i] == '-')
        {
            _i++;
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (!IsDigit(_s[_i]))
            {
                throw Invalid("in numeric literal");
            }
        }

        // A leading zero ends the integer part; "01" fails later as a character after the value.
        if (_s[_i] == '0')
        {
            _i++;
        }
        else
        {
            while (_i < _s.Length && IsDigit(_s[_i]))
            {
                _i++;
            }
        }

        if (_i < _s.Length && _s[_i] == '.')
        {
            _i++;
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (!IsDigit(_s[_i]))
            {
                throw Invalid("after decimal point in numeric literal");
            }

            while (_i < _s.Length && IsDigit(_s[_i]))
            {
                _i++;
            }
        }

        if (_i < _s.Length && (_s[_i] == 'e' || _s[_i] == 'E'))
        {
            _i++;
            if (_i < _s.Length && (_s[_i] == '+' || _s[_i] == '-'))
            {
                _i++;
            }

            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (!IsDigit(_s[_i]))
            {
                throw Invalid("in exponent of numeric literal");
            }

            while (_i < _s.Length && IsDigit(_s[_i]))
            {
                _i++;
            }
        }

        return Encoding.ASCII.GetString(_s, start, _i - start);
    }

    private void ExpectLiteral(string literal)
    {
        _i++; // first letter already matched
        for (var n = 1; n < literal.Length; n++)
        {
            if (_i >= _s.Length)
            {
                throw new GoJsonException(UnexpectedEnd);
            }

            if (_s[_i] != literal[n])
            {
                throw Invalid($"in literal {literal} (expecting {QuoteChar((byte)literal[n])})");
            }

            _i++;
        }
    }

    private void SkipSpace()
    {
        while (_i < _s.Length && _s[_i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            _i++;
        }
    }

    private int Peek() => _i < _s.Length ? _s[_i] : -1;

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private void AppendUtf8(StringBuilder text, int start, int end)
    {
        if (end > start)
        {
            // Invalid UTF-8 becomes U+FFFD, as Go's decoder does (the count of replacements may differ).
            text.Append(Encoding.UTF8.GetString(_s, start, end - start));
        }
    }

    private GoJsonException Invalid(string context) => new($"invalid character {QuoteChar(_s[_i])} {context}");

    /// <summary>Go's <c>quoteChar</c>: the byte as a single-quoted Go literal.</summary>
    internal static string QuoteChar(byte c)
    {
        switch (c)
        {
            case (byte)'\'':
                return @"'\''";
            case (byte)'"':
                return "'\"'";
            case (byte)'\\':
                return @"'\\'";
            case 0x07:
                return @"'\a'";
            case 0x08:
                return @"'\b'";
            case 0x0C:
                return @"'\f'";
            case 0x0A:
                return @"'\n'";
            case 0x0D:
                return @"'\r'";
            case 0x09:
                return @"'\t'";
            case 0x0B:
                return @"'\v'";
        }

        if (c < 0x20 || c == 0x7F)
        {
            return $"'\\x{c.ToString("x2", CultureInfo.InvariantCulture)}'";
        }

        // Go turns the byte into the rune of the same number; C1 controls, NBSP and soft hyphen are not printable.
        if (c is >= 0x80 and <= 0xA0 || c == 0xAD)
        {
            return $"'\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}'";
        }

        return $"'{(char)c}'";
    }
}
