using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Hcl;

/// <summary>
/// Recursive-descent parser over <see cref="HclLexer"/> with one token of lookahead.
/// </summary>
/// <remarks>
/// Grammar (newlines are not significant; a comma may follow any item):
/// <code>
/// document = body EOF | "{" body "}" EOF
/// body     = { item [","] }
/// item     = key ("=" | ":") value
///          | key { label } "{" body "}"
/// key      = identifier | string            label = identifier | string
/// value    = string | heredoc | number | "true" | "false" | "null" | identifier
///          | "[" [ value { "," value } [","] ] "]"
///          | "{" body "}"
/// </code>
/// Recursion is bounded by <see cref="HclParseOptions.MaxDepth"/>, so deep input fails cleanly instead of
/// overflowing the stack.
/// </remarks>
internal sealed class HclSyntaxParser
{
    private readonly HclLexer _lexer;
    private readonly HclParseOptions _options;
    private HclToken _current;
    private int _depth;

    public HclSyntaxParser(string text, string? fileName, HclParseOptions options)
    {
        _lexer = new HclLexer(text, fileName);
        _options = options;
    }

    public JsonObject ParseDocument()
    {
        Advance();
        Enter(_current.Position, 1);
        if (_current.Kind != HclTokenKind.LeftBrace)
        {
            return ParseBody(open: null);
        }

        // A document wrapped in braces is JSON-shaped HCL: accept it as the body it wraps.
        var open = _current;
        Advance();
        var body = ParseBody(open);
        if (_current.Kind != HclTokenKind.EndOfFile)
        {
            throw _lexer.Error(_current.Position, $"expected end of file after the closing '}}', found {_current.Describe()}");
        }

        return body;
    }

    private void Advance() => _current = _lexer.Next();

    private void Enter(SourcePosition at, int levels)
    {
        _depth += levels;
        if (_depth > _options.MaxDepth)
        {
            throw _lexer.Error(at, $"nesting exceeds the maximum depth of {_options.MaxDepth}");
        }
    }

    private void Leave(int levels) => _depth -= levels;

    /// <summary>Parses items up to the '}' matching <paramref name="open"/>, or to end of file when it is null.</summary>
    private JsonObject ParseBody(HclToken? open)
    {
        var builder = new HclObjectBuilder(_lexer, _options);
        while (true)
        {
            if (_current.Kind == HclTokenKind.RightBrace && open is not null)
            {
                Advance();
                return builder.Build();
            }

            if (_current.Kind == HclTokenKind.EndOfFile)
            {
                if (open is { } brace)
                {
                    throw _lexer.Error(_current.Position, $"expected '}}' to close '{{' opened at {brace.Position}, found end of file");
                }

                return builder.Build();
            }

            ParseItem(builder, insideBraces: open is not null);
            if (_current.Kind == HclTokenKind.Comma)
            {
                Advance();
            }
        }
    }

    private void ParseItem(HclObjectBuilder builder, bool insideBraces)
    {
        var key = _current;
        if (!key.IsKey)
        {
            var expected = insideBraces ? "a key (identifier or quoted string) or '}'" : "a key (identifier or quoted string)";
            throw _lexer.Error(key.Position, $"expected {expected}, found {key.Describe()}");
        }

        Advance();
        switch (_current.Kind)
        {
            case HclTokenKind.Equals or HclTokenKind.Colon:
                var assign = _current;
                Advance();
                if (_current.Kind == HclTokenKind.LeftBrace)
                {
                    builder.AddObject(key, ParseObject(), fromBlock: false);
                }
                else if (TryParseValue(out var value))
                {
                    builder.AddValue(key, value);
                }
                else
                {
                    throw _lexer.Error(
                        _current.Position,
                        $"expected a value after '{assign.Text}' for {HclText.Quote(key.Text)}, found {_current.Describe()}");
                }

                return;
            case HclTokenKind.LeftBrace:
                builder.AddObject(key, ParseObject(), fromBlock: true);
                return;
            case HclTokenKind.Identifier or HclTokenKind.String:
                ParseLabelledBlock(builder, key);
                return;
            default:
                throw _lexer.Error(
                    _current.Position,
                    $"expected '=' or '{{' after key {HclText.Quote(key.Text)}, found {_current.Describe()}");
        }
    }

    private void ParseLabelledBlock(HclObjectBuilder builder, HclToken key)
    {
        var labels = new List<HclToken>();
        while (_current.IsKey)
        {
            labels.Add(_current);
            Enter(_current.Position, 1);
            Advance();
        }

        if (_current.Kind != HclTokenKind.LeftBrace)
        {
            // `Name "x"` followed by the next line's `Kind = ...` is far more often a missing '=' than a block.
            var missingEquals = _current.Kind is HclTokenKind.Equals or HclTokenKind.Colon
                || labels.Exists(l => l.Position.Line != key.Position.Line);
            if (missingEquals)
            {
                throw _lexer.Error(
                    labels[0].Position,
                    $"expected '=' or '{{' after key {HclText.Quote(key.Text)}, found {labels[0].Describe()}");
            }

            throw _lexer.Error(
                _current.Position,
                $"expected '{{' after block {HclObjectBuilder.BlockTitle(key, labels)}, found {_current.Describe()}");
        }

        var body = ParseObject();
        Leave(labels.Count);
        builder.AddLabelledBlock(key, labels, body);
    }

    /// <summary>Parses "{" body "}" with the current token on the '{'.</summary>
    private JsonObject ParseObject()
    {
        var open = _current;
        Enter(open.Position, 1);
        Advance();
        var body = ParseBody(open);
        Leave(1);
        return body;
    }

    /// <summary>Parses "[" values "]" with the current token on the '['.</summary>
    private JsonArray ParseList()
    {
        var open = _current;
        Enter(open.Position, 1);
        Advance();
        var list = new JsonArray();
        while (_current.Kind != HclTokenKind.RightBracket)
        {
            if (!TryParseValue(out var item))
            {
                throw _lexer.Error(
                    _current.Position,
                    $"expected a value or ']' in the list opened at {open.Position}, found {_current.Describe()}");
            }

            list.Add(item);
            if (_current.Kind == HclTokenKind.Comma)
            {
                Advance();
            }
            else if (_current.Kind != HclTokenKind.RightBracket)
            {
                throw _lexer.Error(
                    _current.Position,
                    $"expected ',' or ']' after a list item (list opened at {open.Position}), found {_current.Describe()}");
            }
        }

        Advance();
        Leave(1);
        return list;
    }

    /// <summary>Parses a value if the current token can start one; returns false without consuming otherwise.</summary>
    private bool TryParseValue(out JsonNode? value)
    {
        switch (_current.Kind)
        {
            case HclTokenKind.String or HclTokenKind.Heredoc:
                value = JsonValue.Create(_current.Text);
                break;
            case HclTokenKind.Number:
                // The lexer only accepts JSON's number grammar, so this cannot fail. Backing the value with a
                // JsonElement keeps it exact and lets callers read it as int, long, double or decimal, as
                // they could for the same document written in JSON.
                value = JsonValue.Create(JsonElement.Parse(_current.Text));
                break;
            case HclTokenKind.Identifier:
                value = _current.Text switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "null" => null,

                    // HCL1 rejects bare words as values, but Consul's own docs write `Service = frontend`.
                    _ => JsonValue.Create(_current.Text),
                };
                break;
            case HclTokenKind.LeftBracket:
                value = ParseList();
                return true;
            case HclTokenKind.LeftBrace:
                value = ParseObject();
                return true;
            default:
                value = null;
                return false;
        }

        Advance();
        return true;
    }
}
