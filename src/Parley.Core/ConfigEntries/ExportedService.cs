namespace Parley.Core.ConfigEntries;

/// <summary>One exported service (<c>*</c> = all services) and the consumers it is exported to.</summary>
public sealed record ExportedService
{
    public string Name { get; init; } = "";

    /// <summary>Namespace to export from; empty means the default namespace.</summary>
    public string Namespace { get; init; } = "";

    public IReadOnlyList<ServiceConsumer> Consumers { get; init; } = [];
}
