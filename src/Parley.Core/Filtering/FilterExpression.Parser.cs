using System.Globalization;
using System.Text;
using Parley.Core.Go;

namespace Parley.Core.Filtering;

/// <content>
/// The parser: go-bexpr's PEG grammar, read with backtracking over the characters as its generated parser does, so a
/// malformed expression fails where bexpr's does and says so in its words: <c>1:4 (3): no match found, expected: "!=",
/// "==" or [ \t\r\n]</c> (line:column (byte offset) of the farthest point reached, and what would have continued
/// there), or <c>1:17 (16): rule "number": Invalid number literal</c> for the grammar's own checks.
/// </content>
public sealed partial class FilterExpression
{
    /// <summary>How deeply <c>not</c> and parentheses may nest: the parser recurses once per level.</summary>
    private const int MaxNesting = 100;

    private const string Whitespace = "[ \\t\\r\\n]";

    private sealed partial class Parser(string text)
    {
        private readonly SortedSet<string> _expected = new(StringComparer.Ordinal);
        private readonly List<string> _errors = [];
        private int _pos;
        private int _failPos = -1;
        private int _nesting;

        private bool AtEnd => _pos >= text.Length;

        public Node Parse()
        {
            OptionalWhitespace();
            var root = ParseOr();
            if (root is not null)
            {
                OptionalWhitespace();
                if (!AtEnd)
                {
                    Fail(_pos, "EOF");
                }
            }

            if (_errors.Count > 0)
            {
                throw new FormatException(string.Join('\n', _errors));
            }

            if (root is null || !AtEnd)
            {
                var expected = _expected.ToList();
                var list = expected.Count == 1 ? expected[0] : string.Join(", ", expected[..^1]) + " or " + expected[^1];
                throw new FormatException($"{Where(_failPos)}: no match found, expected: {list}");
            }

            return root;
        }

        private Node? ParseOr()
        {
            var left = ParseAnd();
            while (left is not null)
            {
                var save = _pos;
                if (Whitespace1() && Literal("or") && Whitespace1() && ParseAnd() is { } right)
                {
                    left = new Or(left, right);
                    continue;
                }

                _pos = save;
                break;
            }

            return left;
        }

        private Node? ParseAnd()
        {
            var left = ParseNot();
            while (left is not null)
            {
                var save = _pos;
                if (Whitespace1() && Literal("and") && Whitespace1() && ParseNot() is { } right)
                {
                    left = new And(left, right);
                    continue;
                }

                _pos = save;
                break;
            }

            return left;
        }

        private Node? ParseNot()
        {
            if (++_nesting > MaxNesting)
            {
                throw new FormatException($"{Where(_pos)}: expression nested more than {MaxNesting} levels deep");
            }

            try
            {
                var save = _pos;
                if (Literal("not") && Whitespace1() && ParseNot() is { } operand)
                {
                    // bexpr folds "not not x" to x.
                    return operand is Not inner ? inner.Operand : new Not(operand);
                }

                _pos = save;
                return ParseGrouping();
            }
            finally
            {
                _nesting--;
            }
        }

        private Node? ParseGrouping()
        {
            var save = _pos;
            if (Literal("("))
            {
                // A match never starts with "(", so the grammar's second choice cannot apply: the group either closes
                // or is bexpr's "Unmatched parentheses".
                OptionalWhitespace();
                if (ParseOr() is { } inner)
                {
                    OptionalWhitespace();
                    if (Literal(")"))
                    {
                        return inner;
                    }

                    AddError(_pos, "grouping", "Unmatched parentheses");
                }

                _pos = save;
                return null;
            }

            return ParseMatch();
        }

        private Match? ParseMatch()
        {
            var save = _pos;
            if (ParseSelector() is { } selector)
            {
                var afterSelector = _pos;
                if (ValueOperator() is { } op && ParseValue() is { } value)
                {
                    return new Match(selector, op, value);
                }

                _pos = afterSelector;
                if (EmptinessOperator() is { } emptiness)
                {
                    return new Match(selector, emptiness, null);
                }
            }

            _pos = save;
            if (ParseValue() is { } inValue && MembershipOperator() is { } membership)
            {
                var afterOperator = _pos;
                if (ParseSelector() is { } container)
                {
                    return new Match(container, membership, inValue);
                }

                AddError(afterOperator, "match", "Invalid selector");
            }

            _pos = save;
            return null;
        }

        private FilterOperator? ValueOperator()
        {
            var save = _pos;
            if (OptionalWhitespace() && Literal("==") && OptionalWhitespace())
            {
                return FilterOperator.Equal;
            }

            _pos = save;
            if (OptionalWhitespace() && Literal("!=") && OptionalWhitespace())
            {
                return FilterOperator.NotEqual;
            }

            return Keywords(save, FilterOperator.In, "contains") ?? Keywords(save, FilterOperator.NotIn, "not", "contains") ??
                Keywords(save, FilterOperator.Matches, "matches") ?? Keywords(save, FilterOperator.NotMatches, "not", "matches");
        }

        private FilterOperator? EmptinessOperator()
        {
            var save = _pos;
            if (Keywords(save, FilterOperator.IsEmpty, "is") is not null && Literal("empty"))
            {
                return FilterOperator.IsEmpty;
            }

            _pos = save;
            if (Keywords(save, FilterOperator.IsNotEmpty, "is", "not") is not null && Literal("empty"))
            {
                return FilterOperator.IsNotEmpty;
            }

            _pos = save;
            return null;
        }

        private FilterOperator? MembershipOperator()
        {
            var save = _pos;
            return Keywords(save, FilterOperator.In, "in") ?? Keywords(save, FilterOperator.NotIn, "not", "in");
        }

        /// <summary>Whitespace, then each word followed by whitespace (the last word's whitespace is left to the caller
        /// for <c>is [not] empty</c>, whose <c>empty</c> ends the match).</summary>
        private FilterOperator? Keywords(int start, FilterOperator op, params string[] words)
        {
            _pos = start;
            if (!Whitespace1())
            {
                _pos = start;
                return null;
            }

            foreach (var word in words)
            {
                if (!Literal(word) || !Whitespace1())
                {
                    _pos = start;
                    return null;
                }
            }

            return op;
        }

        private string Where(int offset) => Position(text, offset);

        /// <summary>Records one of the grammar's own errors; a backtracking retry of the same rule reports it once, as
        /// pigeon's de-duplicated error list does.</summary>
        private void AddError(int offset, string rule, string message)
        {
            var error = $"{Where(offset)}: rule \"{rule}\": {message}";
            if (!_errors.Contains(error))
            {
                _errors.Add(error);
            }
        }

        /// <summary>Notes that <paramref name="want"/> would have continued the input at <paramref name="offset"/>; only the
        /// farthest such point is reported, as pigeon's parsers do.</summary>
        private void Fail(int offset, string want)
        {
            if (offset > _failPos)
            {
                _failPos = offset;
                _expected.Clear();
            }

            if (offset == _failPos)
            {
                _expected.Add(want);
            }
        }

        private bool Literal(string literal)
        {
            if (text.AsSpan(_pos).StartsWith(literal, StringComparison.Ordinal))
            {
                _pos += literal.Length;
                return true;
            }

            Fail(_pos, GoQuote.Quote(literal));
            return false;
        }

        private bool Class(Func<char, bool> member, string display)
        {
            if (!AtEnd && member(text[_pos]))
            {
                _pos++;
                return true;
            }

            Fail(_pos, display);
            return false;
        }

        private bool Whitespace1()
        {
            if (!Class(IsWhitespace, Whitespace))
            {
                return false;
            }

            OptionalWhitespace();
            return true;
        }

        /// <summary>Skips whitespace; always true (it reads as a condition in the operator rules).</summary>
        private bool OptionalWhitespace()
        {
            while (Class(IsWhitespace, Whitespace))
            {
            }

            return true;
        }

        private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
    }

    /// <summary>pigeon's position text: <c>line:column (byte offset)</c>, lines and columns from 1.</summary>
    private static string Position(string text, int offset)
    {
        offset = Math.Min(offset, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = new StringInfo(text[lineStart..offset]).LengthInTextElements + 1;
        var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(0, offset));
        return string.Create(CultureInfo.InvariantCulture, $"{line}:{column} ({bytes})");
    }
}
