using System.Collections.Frozen;

namespace Parley.Hcl;

/// <summary>Options for <see cref="HclParser.Parse(string, string?, HclParseOptions)"/>.</summary>
/// <remarks>Immutable once built; one instance may be shared by any number of concurrent parses.</remarks>
public sealed class HclParseOptions
{
    private readonly int _maxDepth = 200;
    private readonly IReadOnlyCollection<string> _alwaysArrayKeys = [];
    private readonly FrozenSet<string> _alwaysArrayKeySet = FrozenSet<string>.Empty;

    /// <summary>The options <see cref="HclParser.Parse(string, string?)"/> uses.</summary>
    public static HclParseOptions Default { get; } = new();

    /// <summary>
    /// When true, every block body becomes an array of objects even when the block appears once, so
    /// <c>service { }</c> yields <c>"service": [{...}]</c> and <c>service "web" { }</c> yields
    /// <c>"service": {"web": [{...}]}</c>. Objects written <c>key = { }</c> are not affected.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: a block that appears once is an object, a repeated one an array.</value>
    public bool BlocksAsArrays { get; init; }

    /// <summary>
    /// Keys whose object values (blocks or <c>key = { }</c>) always become an array of objects, even when the
    /// key appears once; compared ignoring case at any depth. Use it for keys that may repeat, such as an agent
    /// config's <c>service</c> and <c>check</c>, so callers always see one shape.
    /// </summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyCollection<string> AlwaysArrayKeys
    {
        get => _alwaysArrayKeys;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _alwaysArrayKeys = value;
            _alwaysArrayKeySet = value.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The deepest nesting accepted, counting the document itself, every object, list and block body, and every
    /// block label as one level each. Deeper input fails with an <see cref="HclException"/>.
    /// </summary>
    /// <value>Defaults to 200. Must be at least 1.</value>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxDepth = value;
        }
    }

    internal bool IsAlwaysArrayKey(string key) => _alwaysArrayKeySet.Count > 0 && _alwaysArrayKeySet.Contains(key);
}
