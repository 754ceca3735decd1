namespace Parley.Core.Go;

/// <summary>The JSON value kinds, named as Go's <c>encoding/json</c> names them in type errors.</summary>
internal enum GoJsonKind
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}
