namespace Parley.Hcl;

/// <summary>A 1-based line and column in the source text; columns count UTF-16 code units.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
