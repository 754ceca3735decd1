namespace Parley.Core.Go;

/// <summary>A parsed JSON value; objects keep every member in document order, duplicates included (Go: last wins).</summary>
internal sealed class GoJsonValue
{
    public static readonly GoJsonValue Null = new(GoJsonKind.Null);

    private GoJsonValue(GoJsonKind kind) => Kind = kind;

    public GoJsonKind Kind { get; }

    /// <summary>The decoded text of a string; the raw literal of a number.</summary>
    public string Text { get; private init; } = "";

    public bool Bool { get; private init; }

    public IReadOnlyList<GoJsonValue> Items { get; private init; } = [];

    public IReadOnlyList<KeyValuePair<string, GoJsonValue>> Members { get; private init; } = [];

    /// <summary>The word Go uses for this kind in <c>cannot unmarshal &lt;kind&gt; into ...</c>.</summary>
    public string GoKindName => Kind switch
    {
        GoJsonKind.Bool => "bool",
        GoJsonKind.Number => "number",
        GoJsonKind.String => "string",
        GoJsonKind.Array => "array",
        GoJsonKind.Object => "object",
        _ => "null",
    };

    public static GoJsonValue FromString(string text) => new(GoJsonKind.String) { Text = text };

    public static GoJsonValue FromNumber(string raw) => new(GoJsonKind.Number) { Text = raw };

    public static GoJsonValue FromBool(bool value) => new(GoJsonKind.Bool) { Bool = value };

    public static GoJsonValue FromArray(IReadOnlyList<GoJsonValue> items) => new(GoJsonKind.Array) { Items = items };

    public static GoJsonValue FromObject(IReadOnlyList<KeyValuePair<string, GoJsonValue>> members) =>
        new(GoJsonKind.Object) { Members = members };
}
