namespace Parley.Core.Acl;

/// <summary>
/// Finds where a rule is written, for error messages: the first <c>key</c> (bare as in HCL, or quoted as in JSON),
/// then the first quoted <c>"name"</c> after it. The decoded tree keeps no positions, and a rule's key and label are
/// enough to point a person at the line.
/// </summary>
internal static class AclRulePositions
{
    public static (int Line, int Column) Find(string source, string key, string? name)
    {
        var at = FindWord(source, key, 0);
        if (at < 0)
        {
            return (1, 1);
        }

        if (name is not null)
        {
            var label = source.IndexOf("\"" + name + "\"", at + key.Length, StringComparison.Ordinal);
            if (label >= 0)
            {
                at = label;
            }
        }

        return LineColumn(source, at);
    }

    private static int FindWord(string source, string word, int start)
    {
        for (var at = source.IndexOf(word, start, StringComparison.OrdinalIgnoreCase); at >= 0;
            at = source.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : source[at - 1];
            var after = at + word.Length < source.Length ? source[at + word.Length] : ' ';
            if (!IsWordChar(before) && !IsWordChar(after))
            {
                // A quoted key's position is its opening quote.
                return before == '"' ? at - 1 : at;
            }
        }

        return -1;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static (int Line, int Column) LineColumn(string source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
