namespace Parley.Core.Filtering;

/// <summary>What a selector resolves to on a subject: nothing, a scalar (text), a list of texts, or a map.</summary>
public readonly record struct FilterValue
{
    private FilterValue(string? scalar, IReadOnlyList<string>? list, IReadOnlyDictionary<string, string>? map)
    {
        Scalar = scalar;
        List = list;
        Map = map;
    }

    /// <summary>The selector names nothing on the subject.</summary>
    public static FilterValue Missing => default;

    /// <summary>The text of a scalar (numbers and booleans as Go prints them); null when not a scalar.</summary>
    public string? Scalar { get; }

    /// <summary>The elements of a list; null when not a list.</summary>
    public IReadOnlyList<string>? List { get; }

    /// <summary>The entries of a map; null when not a map.</summary>
    public IReadOnlyDictionary<string, string>? Map { get; }

    /// <summary>True when the selector named nothing.</summary>
    public bool IsMissing => Scalar is null && List is null && Map is null;

    public static FilterValue Of(string value) => new(value, null, null);

    public static FilterValue Of(IReadOnlyList<string> value) => new(null, value, null);

    public static FilterValue Of(IReadOnlyDictionary<string, string> value) => new(null, null, value);
}
