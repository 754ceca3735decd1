namespace Parley.Hcl;

/// <summary>
/// An HCL document could not be parsed. <see cref="Exception.Message"/> reads
/// <c>file:line:column: reason</c> (or <c>line:column: reason</c> when no file name was given), for example
/// <c>peering.hcl:3:7: expected '=' or '{' after key "Services", found "]"</c>.
/// </summary>
/// <remarks>This is the only exception <see cref="HclParser.Parse(string, string?)"/> throws for bad input.</remarks>
public sealed class HclException : Exception
{
    internal HclException(string? fileName, int line, int column, string reason)
        : base(FormatMessage(fileName, line, column, reason))
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name the caller passed to the parser, or <see langword="null"/> when none was given.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, counted in UTF-16 code units (a tab counts as one).</summary>
    public int Column { get; }

    /// <summary>What was wrong, without the location prefix: <c>expected '=' or '{' after key "Services", found "]"</c>.</summary>
    public string Reason { get; }

    private static string FormatMessage(string? fileName, int line, int column, string reason) =>
        string.IsNullOrEmpty(fileName) ? $"{line}:{column}: {reason}" : $"{fileName}:{line}:{column}: {reason}";
}
