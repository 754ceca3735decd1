namespace Parley.Client;

/// <summary>One row of <c>GET /v1/imported-services</c>: a service imported from a peer.</summary>
public sealed record ImportedService
{
    /// <summary>The service name.</summary>
    public string Service { get; init; } = "";

    /// <summary>The local partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The peer the service comes from.</summary>
    [OmitEmpty]
    public string? SourcePeer { get; init; }

    /// <summary>The partition it comes from (enterprise only).</summary>
    [OmitEmpty]
    public string? SourcePartition { get; init; }
}
