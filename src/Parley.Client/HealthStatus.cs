namespace Parley.Client;

/// <summary>The values of a check's status.</summary>
public static class HealthStatus
{
    /// <summary>Any status (only as a query for <c>/v1/health/state/any</c>).</summary>
    public const string Any = "any";

    /// <summary>Healthy.</summary>
    public const string Passing = "passing";

    /// <summary>Degraded.</summary>
    public const string Warning = "warning";

    /// <summary>Failing.</summary>
    public const string Critical = "critical";

    /// <summary>In maintenance mode.</summary>
    public const string Maintenance = "maintenance";
}
