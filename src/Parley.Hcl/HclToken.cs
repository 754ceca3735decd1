namespace Parley.Hcl;

/// <summary>
/// One token. <see cref="Text"/> is the identifier, the decoded string or heredoc body, the number
/// literal exactly as written, or the punctuation character.
/// </summary>
internal readonly record struct HclToken(HclTokenKind Kind, string Text, SourcePosition Position)
{
    public bool IsKey => Kind is HclTokenKind.Identifier or HclTokenKind.String;

    /// <summary>Describes the token for the "found ..." half of an error message.</summary>
    public string Describe() => Kind switch
    {
        HclTokenKind.EndOfFile => "end of file",
        HclTokenKind.String => "string " + HclText.Quote(Text),
        HclTokenKind.Heredoc => "a heredoc",
        HclTokenKind.Number => "number " + Text,
        _ => HclText.Quote(Text),
    };
}
