using Microsoft.Extensions.DependencyInjection;

namespace Parley.Api.Metrics;

/// <summary>Registers the agent's metrics.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the meter factory, <paramref name="options"/> (<c>telemetry { ... }</c>), the sink that collects every Parley meter
    /// (<see cref="MetricsSink"/>), the API's own instruments (<see cref="ApiMetrics"/>) and the runtime gauges
    /// (<see cref="RuntimeMetrics"/>). The agent resolves the sink and the gauges before it starts.
    /// </summary>
    public static IServiceCollection AddParleyTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddMetrics();
        services.AddSingleton(options);
        services.AddSingleton<MetricsSink>();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<RuntimeMetrics>();
        return services;
    }
}
