using System.Text;

namespace Parley.Hcl;

internal sealed partial class HclLexer
{
    /// <summary>
    /// Reads <c>&lt;&lt;EOF</c> or <c>&lt;&lt;-EOF</c> at <see cref="_pos"/> through its closing marker line.
    /// The value is the lines in between, each ending in '\n' (as HCL1 does); no escapes are processed.
    /// <c>&lt;&lt;EOF</c> ends at a line that starts with the marker; <c>&lt;&lt;-EOF</c> allows the marker to
    /// be indented and removes the smallest indentation of the non-blank lines from every line.
    /// </summary>
    private HclToken ReadHeredoc(SourcePosition start)
    {
        _pos += 2;
        var indented = false;
        if (Peek(0) == '-')
        {
            indented = true;
            _pos++;
        }

        var anchorStart = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var anchor = _text.AsSpan(anchorStart, _pos - anchorStart);
        if (anchor.IsEmpty)
        {
            throw Error(start, "expected a heredoc marker after '<<', such as <<EOF");
        }

        var marker = (indented ? "<<-" : "<<") + anchor.ToString();
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r')
        {
            _pos++;
        }

        if (_pos >= _text.Length || _text[_pos] != '\n')
        {
            throw Error(Position, $"expected a newline after heredoc marker {marker}");
        }

        ConsumeNewLine();
        var lines = new List<Range>();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(start, $"unterminated heredoc {marker}: expected a line containing only {anchor}");
            }

            var lineEnd = _text.IndexOf('\n', _pos);
            if (lineEnd < 0)
            {
                lineEnd = _text.Length;
            }

            var contentEnd = lineEnd > _pos && _text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var line = _text.AsSpan(_pos, contentEnd - _pos);
            if ((indented ? line.Trim() : line.TrimEnd()).SequenceEqual(anchor))
            {
                // Leave the newline after the closing marker to the trivia skipper.
                _pos = lineEnd;
                return new HclToken(HclTokenKind.Heredoc, BuildHeredoc(lines, indented), start);
            }

            lines.Add(new Range(_pos, contentEnd));
            _pos = lineEnd;
            if (_pos < _text.Length)
            {
                ConsumeNewLine();
            }
        }
    }

    private string BuildHeredoc(List<Range> lines, bool indented)
    {
        var strip = 0;
        if (indented)
        {
            strip = int.MaxValue;
            foreach (var range in lines)
            {
                var line = _text.AsSpan(range);
                if (!line.IsWhiteSpace())
                {
                    strip = Math.Min(strip, LeadingWhitespace(line));
                }
            }

            if (strip == int.MaxValue)
            {
                strip = 0;
            }
        }

        var builder = new StringBuilder();
        foreach (var range in lines)
        {
            var line = _text.AsSpan(range);
            var remove = Math.Min(strip, LeadingWhitespace(line));
            builder.Append(line[remove..]).Append('\n');
        }

        return builder.ToString();
    }

    private static int LeadingWhitespace(ReadOnlySpan<char> line)
    {
        var count = 0;
        while (count < line.Length && line[count] is ' ' or '\t')
        {
            count++;
        }

        return count;
    }
}
