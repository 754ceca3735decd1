namespace Parley.Core.ConfigEntries;

/// <summary>Headers to add, set or remove on a request or response.</summary>
public sealed record HttpHeaderModifiers
{
    public IReadOnlyDictionary<string, string> Add { get; init; } = EmptyCollections.StringMap;

    public IReadOnlyDictionary<string, string> Set { get; init; } = EmptyCollections.StringMap;

    public IReadOnlyList<string> Remove { get; init; } = [];
}
