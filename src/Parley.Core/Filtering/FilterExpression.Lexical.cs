using System.Globalization;
using System.Text;

namespace Parley.Core.Filtering;

/// <content>The parser's lexical rules: selectors, values, numbers and strings.</content>
public sealed partial class FilterExpression
{
    private sealed partial class Parser
    {
        /// <summary>
        /// <c>Name(.Name | ["key"] | .0)*</c>, or a JSON pointer in double quotes (<c>"/Service/Meta/version"</c>).
        /// </summary>
        private List<string>? ParseSelector()
        {
            var save = _pos;
            if (Identifier() is { } first)
            {
                var parts = new List<string> { first };
                while (true)
                {
                    var before = _pos;
                    if (Literal(".") && Identifier() is { } name)
                    {
                        parts.Add(name);
                        continue;
                    }

                    _pos = before;
                    if (Index() is { } key)
                    {
                        parts.Add(key);
                        continue;
                    }

                    _pos = before;
                    if (Literal(".") && Digits() is { } digits)
                    {
                        parts.Add(digits);
                        continue;
                    }

                    _pos = before;
                    return parts;
                }
            }

            _pos = save;
            return JsonPointer();
        }

        private List<string>? JsonPointer()
        {
            var save = _pos;
            if (!Literal("\""))
            {
                return null;
            }

            var parts = new List<string>();
            while (true)
            {
                var before = _pos;
                if (!Literal("/"))
                {
                    break;
                }

                var start = _pos;
                while (Class(IsPointerChar, "[\\pL\\pN-_.~|]"))
                {
                }

                if (_pos == start)
                {
                    _pos = before;
                    break;
                }

                parts.Add(text[start.._pos].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            if (Literal("\""))
            {
                return parts;
            }

            _pos = save;
            return null;
        }

        private string? Identifier()
        {
            var start = _pos;
            if (!Class(char.IsAsciiLetter, "[a-zA-Z]"))
            {
                return null;
            }

            while (Class(static c => char.IsAsciiLetterOrDigit(c) || c == '_', "[a-zA-Z0-9_]"))
            {
            }

            return text[start.._pos];
        }

        private string? Digits()
        {
            var start = _pos;
            while (Class(char.IsAsciiDigit, "[0-9]"))
            {
            }

            return _pos > start ? text[start.._pos] : null;
        }

        /// <summary><c>["key"]</c>, with bexpr's "Invalid index" and "Unclosed index expression".</summary>
        private string? Index()
        {
            var save = _pos;
            if (!Literal("["))
            {
                return null;
            }

            OptionalWhitespace();
            var afterBracket = _pos;
            if (String() is not { } key)
            {
                AddError(afterBracket, "index", "Invalid index");
                _pos = save;
                return null;
            }

            OptionalWhitespace();
            if (!Literal("]"))
            {
                AddError(_pos, "index", "Unclosed index expression");
                _pos = save;
                return null;
            }

            return key;
        }

        /// <summary>A match value: a bare selector-like word (taken as its text), a number or a string.</summary>
        private string? ParseValue()
        {
            var save = _pos;
            if (ParseSelector() is { } words)
            {
                // A bare word is its own text; a quoted JSON pointer is the pointer as written.
                return text[save] == '"' ? text[(save + 1)..(_pos - 1)] : string.Join('.', words);
            }

            _pos = save;
            return Number() ?? String();
        }

        /// <summary><c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c>, which must end at whitespace, <c>)</c> or the end.</summary>
        private string? Number()
        {
            var save = _pos;
            Literal("-");
            if (!Literal("0"))
            {
                if (!Class(static c => c is >= '1' and <= '9', "[1-9]"))
                {
                    _pos = save;
                    return null;
                }

                Digits();
            }

            var beforeFraction = _pos;
            if (!(Literal(".") && Digits() is not null))
            {
                _pos = beforeFraction;
            }

            if (AtEnd || IsWhitespace(text[_pos]) || text[_pos] == ')')
            {
                return text[save.._pos];
            }

            Fail(_pos, Whitespace);
            Fail(_pos, "\")\"");
            AddError(_pos, "number", "Invalid number literal");
            _pos = save;
            return null;
        }

        /// <summary>A raw <c>`string`</c> or a <c>"string"</c> with Go's escapes (it cannot contain a double quote).</summary>
        private string? String()
        {
            var save = _pos;
            var quote = Literal("`") ? '`' : Literal("\"") ? '"' : '\0';
            if (quote == '\0')
            {
                return null;
            }

            var end = text.IndexOf(quote, _pos);
            if (end < 0)
            {
                _pos = text.Length;
                AddError(_pos, "string", "Unterminated string literal");
                _pos = save;
                return null;
            }

            var body = text[_pos..end];
            _pos = end + 1;
            if (quote == '`')
            {
                return body;
            }

            if (Unescape(body) is { } value)
            {
                return value;
            }

            AddError(_pos, "string", "invalid syntax");
            _pos = save;
            return null;
        }

        private static char? Simple(char escape) => escape switch
        {
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            '\\' => '\\',
            _ => null,
        };

        private static bool IsPointerChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '|';

        /// <summary>Go's <c>strconv.Unquote</c> escapes; null for an invalid one.</summary>
        private static string? Unescape(string body)
        {
            if (!body.Contains('\\', StringComparison.Ordinal))
            {
                return body;
            }

            var result = new StringBuilder(body.Length);
            for (var i = 0; i < body.Length; i++)
            {
                if (body[i] != '\\')
                {
                    result.Append(body[i]);
                    continue;
                }

                if (++i >= body.Length)
                {
                    return null;
                }

                if (Simple(body[i]) is { } simple)
                {
                    result.Append(simple);
                    continue;
                }

                var width = body[i] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
                if (width == 0 || i + width >= body.Length ||
                    !int.TryParse(body.AsSpan(i + 1, width), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
                    code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                {
                    return null;
                }

                result.Append(char.ConvertFromUtf32(code));
                i += width;
            }

            return result.ToString();
        }
    }
}
