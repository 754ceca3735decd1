using System.Text;

namespace Parley.Core.Filtering;

/// <content>Tokens and the recursive-descent parser.</content>
public sealed partial class FilterExpression
{
    private enum TokenKind
    {
        Word,
        Quoted,
        Symbol,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '[' or ']' or '.')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i++));
            }
            else if (c is '=' or '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2), i));
                i += 2;
            }
            else if (c is '"' or '`')
            {
                var start = i++;
                var value = new StringBuilder();
                while (i < text.Length && text[i] != c)
                {
                    if (c == '"' && text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new FormatException($"filter {Quote(text)}: unterminated string at position {start}");
                }

                i++;
                tokens.Add(new Token(TokenKind.Quoted, value.ToString(), start));
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
            }
            else
            {
                throw new FormatException($"filter {Quote(text)}: unexpected {Quote(c.ToString())} at position {i}");
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '/' or '+';

    private static string Quote(string s) => GoDuration.GoQuote(s);

    private sealed class Parser(List<Token> tokens, string text)
    {
        private int _next;

        private Token Peek => tokens[_next];

        public Node ParseExpression()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                _next++;
                left = new Or(left, ParseAnd());
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (Peek.Kind != TokenKind.End)
            {
                throw Error($"unexpected {Quote(Peek.Text)}");
            }
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (IsWord("and"))
            {
                _next++;
                left = new And(left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (IsWord("not"))
            {
                _next++;
                return new Not(ParseUnary());
            }

            if (IsSymbol("("))
            {
                _next++;
                var inner = ParseExpression();
                Expect(")");
                return inner;
            }

            return ParseMatch();
        }

        private Match ParseMatch()
        {
            // "value" [not] in Selector
            if (Peek.Kind == TokenKind.Quoted || (Peek.Kind == TokenKind.Word && IsInAhead()))
            {
                var value = tokens[_next++].Text;
                var negate = TakeWord("not");
                ExpectWord("in");
                return new Match(ParseSelector(), Operator.In, value, negate);
            }

            var selector = ParseSelector();
            if (IsSymbol("=="))
            {
                _next++;
                return new Match(selector, Operator.Equal, ParseValue(), false);
            }

            if (IsSymbol("!="))
            {
                _next++;
                return new Match(selector, Operator.Equal, ParseValue(), true);
            }

            if (TakeWord("is"))
            {
                var negate = TakeWord("not");
                ExpectWord("empty");
                return new Match(selector, Operator.IsEmpty, "", negate);
            }

            var not = TakeWord("not");
            if (TakeWord("contains"))
            {
                return new Match(selector, Operator.In, ParseValue(), not);
            }

            if (TakeWord("matches"))
            {
                return new Match(selector, Operator.Matches, ParseValue(), not);
            }

            throw Error($"expected a match operator after the selector, found {Quote(Peek.Text)}");
        }

        private bool IsInAhead() =>
            _next + 1 < tokens.Count && tokens[_next + 1] is { Kind: TokenKind.Word } t &&
            (t.Text == "in" || (t.Text == "not" && _next + 2 < tokens.Count && tokens[_next + 2].Text == "in"));

        private List<string> ParseSelector()
        {
            if (Peek.Kind != TokenKind.Word)
            {
                throw Error($"expected a selector, found {Quote(Peek.Text)}");
            }

            var parts = new List<string> { tokens[_next++].Text };
            while (true)
            {
                if (IsSymbol("."))
                {
                    _next++;
                    if (Peek.Kind is not (TokenKind.Word or TokenKind.Quoted))
                    {
                        throw Error("expected a name after '.'");
                    }

                    parts.Add(tokens[_next++].Text);
                }
                else if (IsSymbol("["))
                {
                    _next++;
                    if (Peek.Kind != TokenKind.Quoted)
                    {
                        throw Error("expected a quoted key after '['");
                    }

                    parts.Add(tokens[_next++].Text);
                    Expect("]");
                }
                else
                {
                    return parts;
                }
            }
        }

        private string ParseValue()
        {
            if (Peek.Kind is not (TokenKind.Word or TokenKind.Quoted))
            {
                throw Error($"expected a value, found {Quote(Peek.Text)}");
            }

            return tokens[_next++].Text;
        }

        private bool IsWord(string word) => Peek.Kind == TokenKind.Word && Peek.Text == word;

        private bool IsSymbol(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Text == symbol;

        private bool TakeWord(string word)
        {
            if (!IsWord(word))
            {
                return false;
            }

            _next++;
            return true;
        }

        private void ExpectWord(string word)
        {
            if (!TakeWord(word))
            {
                throw Error($"expected {Quote(word)}, found {Quote(Peek.Text)}");
            }
        }

        private void Expect(string symbol)
        {
            if (!IsSymbol(symbol))
            {
                throw Error($"expected {Quote(symbol)}, found {Quote(Peek.Text)}");
            }

            _next++;
        }

        private FormatException Error(string message) => new($"filter {Quote(text)}: {message} at position {Peek.Position}");
    }
}
