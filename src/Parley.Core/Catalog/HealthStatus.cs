namespace Parley.Core.Catalog;

/// <summary>Consul's check status words, as they appear on the wire.</summary>
public static class HealthStatus
{
    public const string Passing = "passing";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const string Maintenance = "maintenance";

    /// <summary>The <c>any</c> filter of <c>/v1/health/state/:state</c>.</summary>
    public const string Any = "any";

    /// <summary>True for the three statuses a check may be set to.</summary>
    public static bool IsValid(string? status) => status is Passing or Warning or Critical;

    /// <summary>Orders statuses from best to worst: passing &lt; warning &lt; critical &lt; maintenance.</summary>
    public static int Severity(string status) => status switch
    {
        Passing => 0,
        Warning => 1,
        Critical => 2,
        Maintenance => 3,
        _ => 2,
    };

    /// <summary>The worse of two statuses.</summary>
    public static string Worst(string a, string b) => Severity(a) >= Severity(b) ? a : b;
}
