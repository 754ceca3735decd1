namespace Parley.Hcl;

/// <summary>The kinds of token the lexer produces.</summary>
internal enum HclTokenKind
{
    EndOfFile,
    Identifier,
    String,
    Heredoc,
    Number,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Equals,
    Colon,
    Comma,
}
