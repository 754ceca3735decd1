namespace Parley.Client;

/// <summary>A Parley addition: one step of a peering diagnosis.</summary>
public sealed record PeeringDoctorStep
{
    /// <summary>A stable identifier (<c>peering</c>, <c>stream</c>, <c>trust-bundle</c>, <c>service</c>, <c>exported</c>, ...).</summary>
    public string ID { get; init; } = "";

    /// <summary>What the step checks.</summary>
    public string Title { get; init; } = "";

    /// <summary><c>pass</c>, <c>fail</c> or <c>skip</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>What was found.</summary>
    public string Detail { get; init; } = "";

    /// <summary>What to do, on a failed step.</summary>
    [OmitEmpty]
    public string? Fix { get; init; }
}
