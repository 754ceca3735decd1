namespace Parley.Core.ConfigEntries;

/// <summary>Shared empty collections for entry defaults; never mutate them.</summary>
internal static class EmptyCollections
{
    public static readonly IReadOnlyDictionary<string, string> StringMap = new Dictionary<string, string>();
}
