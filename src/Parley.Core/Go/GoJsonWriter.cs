using System.Text;

namespace Parley.Core.Go;

/// <summary>
/// Writes JSON byte-for-byte as Go's <c>json.Marshal</c> does: compact, struct fields in declaration order,
/// nil slices and pointers as <c>null</c>, and Go's string escaping (HTML-safe <c>\u003c</c>, lower-case hex,
/// <c>\u2028</c>/<c>\u2029</c> escaped, everything else raw UTF-8).
/// </summary>
internal sealed class GoJsonWriter
{
    private const string Hex = "0123456789abcdef";

    private readonly StringBuilder _out = new();
    private bool _needComma;

    public GoJsonWriter BeginObject()
    {
        Separator();
        _out.Append('{');
        _needComma = false;
        return this;
    }

    public GoJsonWriter EndObject()
    {
        _out.Append('}');
        _needComma = true;
        return this;
    }

    public GoJsonWriter Name(string name)
    {
        Separator();
        WriteString(name);
        _out.Append(':');
        _needComma = false;
        return this;
    }

    public GoJsonWriter String(string? value)
    {
        Separator();
        WriteString(value ?? "");
        _needComma = true;
        return this;
    }

    public GoJsonWriter Null()
    {
        Separator();
        _out.Append("null");
        _needComma = true;
        return this;
    }

    public GoJsonWriter StringArray(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return Null();
        }

        Separator();
        _out.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _out.Append(',');
            }

            WriteString(values[i] ?? "");
        }

        _out.Append(']');
        _needComma = true;
        return this;
    }

    public override string ToString() => _out.ToString();

    private void Separator()
    {
        if (_needComma)
        {
            _out.Append(',');
        }
    }

    private void WriteString(string s)
    {
        _out.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    _out.Append("\\\"");
                    break;
                case '\\':
                    _out.Append(@"\\");
                    break;
                case '\b':
                    _out.Append(@"\b");
                    break;
                case '\f':
                    _out.Append(@"\f");
                    break;
                case '\n':
                    _out.Append(@"\n");
                    break;
                case '\r':
                    _out.Append(@"\r");
                    break;
                case '\t':
                    _out.Append(@"\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    _out.Append(@"\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        _out.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Go sees invalid UTF-8 here and writes the replacement character escaped.
                        _out.Append(@"\ufffd");
                    }
                    else
                    {
                        _out.Append(c);
                    }

                    break;
            }
        }

        _out.Append('"');
    }
}
