using System.Text;

namespace Parley.Hcl;

/// <summary>
/// Turns HCL text into tokens on demand. Newlines are not significant in the subset Parley accepts, so
/// whitespace and comments (<c>#</c>, <c>//</c>, <c>/* */</c>) are skipped between tokens.
/// </summary>
/// <remarks>
/// Every path through <see cref="Next"/> either consumes at least one character or returns
/// <see cref="HclTokenKind.EndOfFile"/>, so the lexer cannot loop forever.
/// </remarks>
internal sealed partial class HclLexer
{
    private readonly string _text;
    private readonly string? _fileName;

    // Invariant: _lineStart is the index of the first character of line _line; _pos >= _lineStart.
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public HclLexer(string text, string? fileName)
    {
        _text = text;
        _fileName = fileName;

        // A byte-order mark is not part of the first line's columns.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    private SourcePosition Position => new(_line, _pos - _lineStart + 1);

    public HclException Error(SourcePosition at, string reason) => new(_fileName, at.Line, at.Column, reason);

    public HclToken Next()
    {
        SkipTrivia();
        var start = Position;
        if (_pos >= _text.Length)
        {
            return new HclToken(HclTokenKind.EndOfFile, string.Empty, start);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return Punctuation(HclTokenKind.LeftBrace, "{", start);
            case '}':
                return Punctuation(HclTokenKind.RightBrace, "}", start);
            case '[':
                return Punctuation(HclTokenKind.LeftBracket, "[", start);
            case ']':
                return Punctuation(HclTokenKind.RightBracket, "]", start);
            case '=':
                return Punctuation(HclTokenKind.Equals, "=", start);
            case ':':
                return Punctuation(HclTokenKind.Colon, ":", start);
            case ',':
                return Punctuation(HclTokenKind.Comma, ",", start);
            case '"':
                return ReadString(start);
            case '<' when Peek(1) == '<':
                return ReadHeredoc(start);
            case '-' when HclText.IsDigit(Peek(1)):
                return ReadNumber(start);
        }

        if (HclText.IsDigit(c))
        {
            return ReadNumber(start);
        }

        if (HclText.IsIdentifierStart(c))
        {
            var begin = _pos;
            while (_pos < _text.Length && HclText.IsIdentifierPart(_text[_pos]))
            {
                _pos++;
            }

            return new HclToken(HclTokenKind.Identifier, _text[begin.._pos], start);
        }

        throw Error(start, $"unexpected character {HclText.DescribeChar(c)}");
    }

    private HclToken Punctuation(HclTokenKind kind, string text, SourcePosition start)
    {
        _pos++;
        return new HclToken(kind, text, start);
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    /// <summary>Consumes the '\n' at <see cref="_pos"/> and starts a new line.</summary>
    private void ConsumeNewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                ConsumeNewLine();
            }
            else if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                // Lenient on purpose: non-breaking spaces pasted from web pages are whitespace, not errors.
                _pos++;
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = Position;
        _pos += 2;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(start, "unterminated comment: expected '*/'");
            }

            if (_text[_pos] == '*' && Peek(1) == '/')
            {
                _pos += 2;
                return;
            }

            if (_text[_pos] == '\n')
            {
                ConsumeNewLine();
            }
            else
            {
                _pos++;
            }
        }
    }

    private HclToken ReadNumber(SourcePosition start)
    {
        // Only JSON's number grammar is accepted, so the literal can be handed to System.Text.Json as is.
        var begin = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        var valid = true;
        if (_text[_pos] == '0')
        {
            _pos++;
            valid = !HclText.IsDigit(Peek(0));
        }
        else
        {
            SkipDigits();
        }

        if (valid && Peek(0) == '.' && HclText.IsDigit(Peek(1)))
        {
            _pos++;
            SkipDigits();
        }

        if (valid && Peek(0) is 'e' or 'E')
        {
            _pos++;
            if (Peek(0) is '+' or '-')
            {
                _pos++;
            }

            valid = HclText.IsDigit(Peek(0));
            SkipDigits();
        }

        if (!valid || (_pos < _text.Length && HclText.IsIdentifierPart(_text[_pos])))
        {
            while (_pos < _text.Length && (HclText.IsIdentifierPart(_text[_pos]) || _text[_pos] is '+' or '-'))
            {
                _pos++;
            }

            throw Error(start, $"invalid number {HclText.Quote(_text[begin.._pos])}; quote the value if it is meant to be a string");
        }

        return new HclToken(HclTokenKind.Number, _text[begin.._pos], start);
    }

    private void SkipDigits()
    {
        while (_pos < _text.Length && HclText.IsDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private HclToken ReadString(SourcePosition start)
    {
        _pos++;
        StringBuilder? builder = null;
        var segmentStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(start, "unterminated string: expected a closing '\"'");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                var value = builder is null
                    ? _text[segmentStart.._pos]
                    : builder.Append(_text, segmentStart, _pos - segmentStart).ToString();
                _pos++;
                return new HclToken(HclTokenKind.String, value, start);
            }

            if (c == '\n')
            {
                throw Error(start, "unterminated string: a quoted string cannot span lines (use a heredoc)");
            }

            if (c == '\\')
            {
                builder ??= new StringBuilder();
                builder.Append(_text, segmentStart, _pos - segmentStart);
                ReadEscape(builder);
                segmentStart = _pos;
                continue;
            }

            _pos++;
        }
    }
}
