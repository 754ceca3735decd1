namespace Parley.Client;

/// <summary>One row of <c>GET /v1/exported-services</c>: a service and who may consume it.</summary>
public sealed record ResolvedExportedService
{
    /// <summary>The service name.</summary>
    public string Service { get; init; } = "";

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The peers and partitions the service is exported to.</summary>
    public ResolvedConsumers Consumers { get; init; } = new();
}
