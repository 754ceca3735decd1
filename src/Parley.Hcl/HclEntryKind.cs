namespace Parley.Hcl;

/// <summary>What a key in an object body has been given so far.</summary>
internal enum HclEntryKind
{
    /// <summary>A scalar or list attribute; the key may not appear again.</summary>
    Value,

    /// <summary>One or more objects (blocks or <c>key = { }</c>); each repeat appends.</summary>
    Objects,

    /// <summary>Labelled blocks, keyed by their first label; deeper labels nest.</summary>
    Labels,
}
