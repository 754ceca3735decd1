using System.Text.RegularExpressions;

namespace Parley.Core.Filtering;

/// <summary>
/// A filter expression in the language of Consul's <c>?filter=</c> and service-resolver subset <c>Filter</c>
/// (HashiCorp's go-bexpr): <c>==</c>, <c>!=</c>, <c>is [not] empty</c>, <c>[not] in</c>, <c>[not] contains</c>,
/// <c>[not] matches</c>, joined by <c>and</c>, <c>or</c>, <c>not</c> and parentheses. Values are quoted (<c>"v1"</c>,
/// <c>`v1`</c>) or bare words and numbers.
/// </summary>
/// <remarks>
/// Immutable and thread-safe once parsed. A selector that names nothing makes <c>==</c>, <c>in</c>, <c>contains</c> and
/// <c>matches</c> false (their negations true) and <c>is empty</c> true.
/// </remarks>
public sealed partial class FilterExpression
{
    private readonly Node _root;

    private FilterExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>Parses an expression.</summary>
    /// <exception cref="FormatException">The expression does not parse; the message says where.</exception>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(Tokenize(text), text);
        var root = parser.ParseExpression();
        parser.ExpectEnd();
        return new FilterExpression(text, root);
    }

    /// <summary>True when <paramref name="subject"/> satisfies the expression.</summary>
    public bool Matches(IFilterSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _root.Evaluate(subject);
    }

    private abstract class Node
    {
        public abstract bool Evaluate(IFilterSubject subject);
    }

    private sealed class And(Node left, Node right) : Node
    {
        public override bool Evaluate(IFilterSubject subject) => left.Evaluate(subject) && right.Evaluate(subject);
    }

    private sealed class Or(Node left, Node right) : Node
    {
        public override bool Evaluate(IFilterSubject subject) => left.Evaluate(subject) || right.Evaluate(subject);
    }

    private sealed class Not(Node inner) : Node
    {
        public override bool Evaluate(IFilterSubject subject) => !inner.Evaluate(subject);
    }

    private enum Operator
    {
        Equal,
        IsEmpty,
        In,
        Matches,
    }

    private sealed class Match(IReadOnlyList<string> selector, Operator op, string value, bool negate) : Node
    {
        private readonly Regex? _regex = op == Operator.Matches
            ? new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
            : null;

        public override bool Evaluate(IFilterSubject subject)
        {
            var resolved = subject.Resolve(selector);
            return Holds(resolved) != negate;
        }

        private bool Holds(FilterValue resolved) => op switch
        {
            Operator.Equal => resolved.Scalar == value,
            Operator.IsEmpty => resolved.IsMissing || resolved.Scalar?.Length == 0 || resolved.List?.Count == 0 || resolved.Map?.Count == 0,
            Operator.In => resolved.List?.Contains(value, StringComparer.Ordinal) == true ||
                resolved.Map?.ContainsKey(value) == true ||
                resolved.Scalar?.Contains(value, StringComparison.Ordinal) == true,
            _ => resolved.Scalar is { } s ? IsMatch(s) : resolved.List?.Any(IsMatch) == true,
        };

        private bool IsMatch(string text)
        {
            try
            {
                return _regex!.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
