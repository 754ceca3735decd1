namespace Parley.Core.ConfigEntries;

/// <summary>One exposed path.</summary>
public sealed record ExposePath
{
    public int ListenerPort { get; init; }

    public string Path { get; init; } = "";

    public int LocalPathPort { get; init; }

    public string Protocol { get; init; } = "";

    public bool ParsedFromCheck { get; init; }
}
