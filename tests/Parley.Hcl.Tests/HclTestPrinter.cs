using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Hcl.Tests;

/// <summary>
/// Test-only: renders a JSON tree as HCL text whose parse is that same tree, choosing among the equivalent
/// spellings (blocks or <c>= { }</c>, labels, repeated blocks, bare words, escapes, heredocs, comments,
/// separators) with a seeded <see cref="Random"/> so every style gets exercised.
/// </summary>
internal sealed class HclTestPrinter
{
    private static readonly string[] Comments = ["# note\n", "## doc comment\n", "// line\n", "/* block */ ", "/* two\n lines */\n"];

    private readonly Random _random;
    private readonly StringBuilder _out = new();

    private HclTestPrinter(int seed) => _random = new Random(seed);

    public static string Print(JsonObject root, int seed)
    {
        var printer = new HclTestPrinter(seed);
        if (printer.Chance(5))
        {
            printer._out.Append("{\n");
            printer.WriteBody(root, 1);
            printer._out.Append("}\n");
        }
        else
        {
            printer.WriteBody(root, 0);
        }

        return printer._out.ToString();
    }

    private bool Chance(int oneIn) => _random.Next(oneIn) == 0;

    private void Indent(int depth) => _out.Append(' ', depth * 2);

    private void WriteBody(JsonObject body, int depth)
    {
        foreach (var (key, value) in body)
        {
            if (Chance(6))
            {
                Indent(depth);
                _out.Append(Comments[_random.Next(Comments.Length)]);
            }

            Indent(depth);
            WriteMember(key, value, depth);
            _out.Append(_random.Next(4) switch
            {
                0 => " ",
                1 => ", ",
                2 => ",\n",
                _ => "\n",
            });
        }
    }

    private void WriteMember(string key, JsonNode? value, int depth)
    {
        if (value is JsonObject obj && Chance(2))
        {
            WriteBlock(key, obj, depth);
            return;
        }

        if (value is JsonArray array && array.Count >= 2 && array.All(e => e is JsonObject) && Chance(2))
        {
            // Repeated blocks with one key are the array of their bodies.
            for (var i = 0; i < array.Count; i++)
            {
                if (i > 0)
                {
                    _out.Append('\n');
                    Indent(depth);
                }

                if (Chance(2))
                {
                    WriteKey(key);
                    _out.Append(" { ");
                    WriteBraced((JsonObject)array[i]!, depth);
                }
                else
                {
                    WriteKey(key);
                    _out.Append(" = { ");
                    WriteBraced((JsonObject)array[i]!, depth);
                }
            }

            return;
        }

        WriteKey(key);
        _out.Append(Chance(4) ? ": " : " = ");
        WriteValue(value, depth);
    }

    private void WriteBlock(string key, JsonObject body, int depth)
    {
        WriteKey(key);

        // A block label is one more level: `key "l" { body }` is {"key": {"l": body}}.
        while (body.Count == 1 && body.First().Value is JsonObject inner && Chance(2))
        {
            _out.Append(' ');
            var label = body.First().Key;
            if (IsBareWord(label) && Chance(2))
            {
                _out.Append(label);
            }
            else
            {
                WriteQuoted(label);
            }

            body = inner;
        }

        _out.Append(" {");
        _out.Append(Chance(2) ? "\n" : " ");
        WriteBraced(body, depth);
    }

    private void WriteBraced(JsonObject body, int depth)
    {
        WriteBody(body, depth + 1);
        Indent(depth);
        _out.Append('}');
    }

    private void WriteValue(JsonNode? value, int depth)
    {
        switch (value)
        {
            case null:
                _out.Append("null");
                return;
            case JsonObject obj:
                _out.Append("{\n");
                WriteBraced(obj, depth);
                return;
            case JsonArray array:
                WriteList(array, depth);
                return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), depth);
                return;
            case JsonValueKind.True:
                _out.Append("true");
                return;
            case JsonValueKind.False:
                _out.Append("false");
                return;
            default:
                _out.Append(value.ToJsonString());
                return;
        }
    }

    private void WriteList(JsonArray array, int depth)
    {
        _out.Append('[');
        var multiline = Chance(2);
        for (var i = 0; i < array.Count; i++)
        {
            if (multiline)
            {
                _out.Append('\n');
                Indent(depth + 1);
            }

            WriteValue(array[i], depth + 1);
            if (i < array.Count - 1 || Chance(2))
            {
                _out.Append(',');
            }

            if (!multiline)
            {
                _out.Append(' ');
            }
        }

        if (multiline)
        {
            _out.Append('\n');
            Indent(depth);
        }

        _out.Append(']');
    }

    private void WriteKey(string key)
    {
        if (IsBareWord(key) && !Chance(4))
        {
            _out.Append(key);
        }
        else
        {
            WriteQuoted(key);
        }
    }

    private void WriteString(string value, int depth)
    {
        if (IsBareWord(value) && value is not ("true" or "false" or "null") && Chance(3))
        {
            _out.Append(value);
            return;
        }

        if (CanBeHeredoc(value) && Chance(2))
        {
            WriteHeredoc(value, depth);
            return;
        }

        WriteQuoted(value);
    }

    private void WriteHeredoc(string value, int depth)
    {
        var lines = value[..^1].Split('\n');
        var indented = Chance(2) && lines.Any(l => l.Length > 0 && !char.IsWhiteSpace(l[0]));
        _out.Append(indented ? "<<-EOT\n" : "<<EOT\n");
        foreach (var line in lines)
        {
            if (indented)
            {
                Indent(depth + 1);
            }

            _out.Append(line).Append('\n');
        }

        if (indented)
        {
            Indent(depth);
        }

        // The closing marker line ends with a newline; the separator that follows adds its own.
        _out.Append("EOT\n");
    }

    private static bool CanBeHeredoc(string value) =>
        value.EndsWith('\n') && !value.Contains('\r', StringComparison.Ordinal)
        && !value[..^1].Split('\n').Any(l => l.Trim() == "EOT");

    private void WriteQuoted(string value)
    {
        _out.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    _out.Append("\\\"");
                    break;
                case '\\':
                    _out.Append("\\\\");
                    break;
                case '\n':
                    _out.Append("\\n");
                    break;
                case '\t':
                    _out.Append(Chance(2) ? "\\t" : "\t");
                    break;
                case '\r':
                    _out.Append("\\r");
                    break;
                case '\b':
                    _out.Append("\\b");
                    break;
                case '\f':
                    _out.Append("\\f");
                    break;
                case '/' when Chance(2):
                    _out.Append("\\/");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                    {
                        // A pair is written whole: raw, as \U, or as two \u escapes.
                        var low = value[++i];
                        _out.Append(_random.Next(3) switch
                        {
                            0 => $"{c}{low}",
                            1 => string.Create(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, low):X8}"),
                            _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}\\u{(int)low:X4}"),
                        });
                    }
                    else if (char.IsControl(c) || (c > 127 && Chance(2)))
                    {
                        _out.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
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

    private static bool IsBareWord(string value) =>
        value.Length > 0
        && (value[0] == '_' || char.IsLetter(value[0]))
        && value.All(c => c is '_' or '-' or '.' || char.IsLetterOrDigit(c));
}
