namespace Parley.Core.Filtering;

/// <summary>A match operator of go-bexpr; the names are bexpr's, as its error texts print them.</summary>
public enum FilterOperator
{
    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>v in Selector</c> and <c>Selector contains v</c>.</summary>
    In,

    /// <summary><c>v not in Selector</c> and <c>Selector not contains v</c>.</summary>
    NotIn,

    /// <summary><c>is empty</c>.</summary>
    IsEmpty,

    /// <summary><c>is not empty</c>.</summary>
    IsNotEmpty,

    /// <summary><c>matches</c> (a regular expression).</summary>
    Matches,

    /// <summary><c>not matches</c>.</summary>
    NotMatches,
}
