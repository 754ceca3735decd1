namespace Parley.Core.Filtering;

/// <content>The syntax tree the parser builds and the binders compile.</content>
public sealed partial class FilterExpression
{
    /// <summary>A node of the syntax tree.</summary>
    internal abstract record Node;

    /// <summary><c>left and right</c>.</summary>
    internal sealed record And(Node Left, Node Right) : Node;

    /// <summary><c>left or right</c>.</summary>
    internal sealed record Or(Node Left, Node Right) : Node;

    /// <summary><c>not operand</c>.</summary>
    internal sealed record Not(Node Operand) : Node;

    /// <summary>One match: a selector path, an operator and (except for the emptiness tests) a value as written.</summary>
    internal sealed record Match(IReadOnlyList<string> Selector, FilterOperator Operator, string? Value) : Node
    {
        /// <summary>The selector as bexpr prints it in errors: its parts joined with dots.</summary>
        public string SelectorText => string.Join('.', Selector);

        /// <summary>
        /// The answer when the selector ends in a map key the subject does not have (bexpr's not-present disposition):
        /// nothing is equal to, in, matched by or non-empty in a missing value, so the negations hold.
        /// </summary>
        public bool WhenMissing
            => Operator is FilterOperator.NotEqual or FilterOperator.NotIn or FilterOperator.IsEmpty or FilterOperator.NotMatches;

        /// <summary>The compiled regular expression of <c>matches</c> and <c>not matches</c>, set once after parsing.</summary>
        public System.Text.RegularExpressions.Regex? Pattern { get; set; }

        /// <summary>True for the operators that negate their positive form.</summary>
        public bool Negated
            => Operator is FilterOperator.NotEqual or FilterOperator.NotIn or FilterOperator.IsNotEmpty or FilterOperator.NotMatches;
    }

    /// <summary>bexpr's name of an operator in error texts.</summary>
    internal static string OperatorName(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "Equal",
        FilterOperator.NotEqual => "Not Equal",
        FilterOperator.In => "In",
        FilterOperator.NotIn => "Not In",
        FilterOperator.IsEmpty => "Is Empty",
        FilterOperator.IsNotEmpty => "Is Not Empty",
        FilterOperator.Matches => "Matches",
        _ => "Not Matches",
    };
}
