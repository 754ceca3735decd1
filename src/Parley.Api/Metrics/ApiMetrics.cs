using System.Diagnostics.Metrics;

namespace Parley.Api.Metrics;

/// <summary>
/// The HTTP API's instruments, as Consul names them: <c>api.http</c> (a timer per request, labels <c>method</c> and
/// <c>path</c> — the route with <c>/</c> as <c>_</c>, e.g. <c>v1_health_service_</c>), <c>rpc.query</c> (blocking
/// queries), and the catalog's <c>catalog.register</c> / <c>catalog.deregister</c> timers.
/// </summary>
public sealed class ApiMetrics
{
    /// <summary>The meter every HTTP API instrument belongs to.</summary>
    public const string MeterName = "Parley.Api";

    private readonly Histogram<double> _http;
    private readonly Counter<long> _query;
    private readonly Histogram<double> _register;
    private readonly Histogram<double> _deregister;

    public ApiMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _http = meter.CreateHistogram<double>("api.http", "ms", "Time to serve an HTTP API request, by method and route");
        _query = meter.CreateCounter<long>("rpc.query", description: "Blocking queries served");
        _register = meter.CreateHistogram<double>("catalog.register", "ms", "Time to commit a catalog registration");
        _deregister = meter.CreateHistogram<double>("catalog.deregister", "ms", "Time to commit a catalog deregistration");
    }

    /// <summary>Consul's <c>path</c> label for a route pattern: the part before the first parameter, <c>/</c> as <c>_</c>.</summary>
    public static string PathLabel(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var end = pattern.IndexOf('{', StringComparison.Ordinal);
        return (end < 0 ? pattern : pattern[..end]).TrimStart('/').Replace('/', '_');
    }

    public void Served(string method, string path, TimeSpan elapsed) =>
        _http.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("path", path));

    public void BlockingQuery() => _query.Add(1);

    public void Registered(TimeSpan elapsed) => _register.Record(elapsed.TotalMilliseconds);

    public void Deregistered(TimeSpan elapsed) => _deregister.Record(elapsed.TotalMilliseconds);
}
