namespace Parley.Core.ConfigEntries.Schema;

/// <summary>The value types a schema-described config entry field can hold, with Go's decoding rules for each.</summary>
public enum SchemaFieldType
{
    /// <summary>A string (numbers and bools convert weakly, as mapstructure does).</summary>
    String,

    /// <summary>A bool.</summary>
    Bool,

    /// <summary>An integer of any Go width.</summary>
    Int,

    /// <summary>A float64.</summary>
    Float,

    /// <summary>A Go <c>time.Duration</c>, stored and written as Go text (<c>"15s"</c>).</summary>
    Duration,

    /// <summary>A list of strings; a single string counts as a one-element list.</summary>
    StringList,

    /// <summary>A list of unsigned integers.</summary>
    IntList,

    /// <summary>A string-to-string map.</summary>
    StringMap,

    /// <summary>A nested object described by its own fields.</summary>
    Object,

    /// <summary>A list of nested objects described by their own fields.</summary>
    List,

    /// <summary>A free-form object kept as it was written (controller-written <c>Status</c>).</summary>
    Raw,
}
