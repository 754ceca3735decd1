using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Agent;
using Parley.Api.Health;
using Parley.Api.Http;

namespace Parley.Api;

/// <summary>Registers what the HTTP API's handlers use beyond the state store, the replicator and the subsystems.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds what every request's <see cref="ApiContext"/> uses (<see cref="ApiServices"/>), the read caches
    /// (<see cref="ReadCache"/> for <c>?cached</c>, <see cref="HealthResponseCache"/>) and this agent's local services
    /// (<see cref="LocalServices"/>, with the <see cref="TtlHeartbeats"/> that TTL checks are updated through).
    /// The caller registers the <see cref="AgentInfo"/>.
    /// </summary>
    public static IServiceCollection AddParleyApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ApiServices>();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<HealthResponseCache>();
        services.AddSingleton<TtlHeartbeats>();
        services.AddSingleton<LocalServices>();
        return services;
    }
}
