namespace Parley.Core.ConfigEntries;

/// <summary>An external destination (terminating-gateway style virtual service).</summary>
public sealed record DestinationConfig
{
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public int Port { get; init; }
}
