namespace Parley.Client;

/// <summary>A Parley addition: the answer of <c>GET /v1/peering/:name/doctor</c>.</summary>
public sealed record PeeringDoctorReport
{
    /// <summary>The peer checked (this cluster's name for it).</summary>
    public string Peer { get; init; } = "";

    /// <summary>The service followed, if one was named.</summary>
    public string? Service { get; init; }

    /// <summary>Whether no step failed.</summary>
    public bool Ok { get; init; }

    /// <summary>The steps in the order a service takes; after the first failure every step is skipped.</summary>
    public List<PeeringDoctorStep> Steps { get; init; } = [];
}
