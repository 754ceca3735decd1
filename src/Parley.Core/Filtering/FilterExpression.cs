using System.Text.RegularExpressions;
using Parley.Core.Go;

namespace Parley.Core.Filtering;

/// <summary>
/// A filter expression in the language of Consul's <c>?filter=</c> and service-resolver subset <c>Filter</c>
/// (HashiCorp's go-bexpr): <c>==</c>, <c>!=</c>, <c>is [not] empty</c>, <c>[not] in</c>, <c>[not] contains</c>,
/// <c>[not] matches</c>, joined by <c>and</c>, <c>or</c>, <c>not</c> and parentheses. Values are quoted (<c>"v1"</c>,
/// <c>`v1`</c>), numbers, or bare words.
/// </summary>
/// <remarks>
/// Immutable and thread-safe once parsed. Two ways to evaluate one: <see cref="Compile{T}"/> checks the selectors against
/// a type once (bexpr's validation, with its texts) and returns a predicate of compiled accessors, for API responses;
/// <see cref="Matches(IFilterSubject)"/> asks a subject to resolve each selector, for hand-written views. In both, a
/// selector ending in a map key the subject lacks makes <c>==</c>, <c>in</c>, <c>matches</c> and <c>is not empty</c>
/// false and their negations true, and a selector that passes through a list holds when it holds for any element.
/// </remarks>
public sealed partial class FilterExpression
{
    /// <summary>A regular expression gets this long per value; past it the value does not match.</summary>
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(100);

    private readonly Node _root;

    private FilterExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>Parses an expression.</summary>
    /// <exception cref="FormatException">
    /// The expression does not parse or a regular expression in it does not compile; the message is bexpr's, with the
    /// line:column (byte offset) where parsing stopped.
    /// </exception>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = new Parser(text).Parse();
        CompilePatterns(root);
        return new FilterExpression(text, root);
    }

    /// <summary>True when <paramref name="subject"/> satisfies the expression.</summary>
    public bool Matches(IFilterSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Evaluate(_root, subject);
    }

    private static bool Evaluate(Node node, IFilterSubject subject) => node switch
    {
        And and => Evaluate(and.Left, subject) && Evaluate(and.Right, subject),
        Or or => Evaluate(or.Left, subject) || Evaluate(or.Right, subject),
        Not not => !Evaluate(not.Operand, subject),
        _ => Evaluate((Match)node, subject.Resolve(((Match)node).Selector)),
    };

    private static bool Evaluate(Match match, FilterValue value)
    {
        if (value.IsMissing)
        {
            return match.WhenMissing;
        }

        var holds = match.Operator switch
        {
            FilterOperator.Equal or FilterOperator.NotEqual => value.Scalar == match.Value,
            FilterOperator.IsEmpty or FilterOperator.IsNotEmpty =>
                value.Scalar?.Length == 0 || value.List?.Count == 0 || value.Map?.Count == 0,
            FilterOperator.In or FilterOperator.NotIn =>
                value.List?.Contains(match.Value!, StringComparer.Ordinal) == true ||
                value.Map?.ContainsKey(match.Value!) == true ||
                value.Scalar?.Contains(match.Value!, StringComparison.Ordinal) == true,
            _ => value.Scalar is { } s ? IsMatch(match, s) : value.List?.Any(e => IsMatch(match, e)) == true,
        };
        return holds != match.Negated;
    }

    private static bool IsMatch(Match match, string text)
    {
        try
        {
            return match.Pattern!.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Compiles the regular expression of every <c>matches</c> once, refusing one that does not compile as bexpr does.</summary>
    private static void CompilePatterns(Node node)
    {
        switch (node)
        {
            case And and:
                CompilePatterns(and.Left);
                CompilePatterns(and.Right);
                break;
            case Or or:
                CompilePatterns(or.Left);
                CompilePatterns(or.Right);
                break;
            case Not not:
                CompilePatterns(not.Operand);
                break;
            case Match { Operator: FilterOperator.Matches or FilterOperator.NotMatches } match:
                try
                {
                    match.Pattern = new Regex(match.Value!, RegexOptions.CultureInvariant, RegexBudget);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"Failed to compile regular expression {GoQuote.Quote(match.Value!)}: {e.Message}", e);
                }

                break;
        }
    }
}
