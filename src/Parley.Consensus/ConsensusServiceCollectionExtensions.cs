using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.State;

namespace Parley.Consensus;

/// <summary>Registers the consensus layer.</summary>
public static class ConsensusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RaftReplicator"/> as <see cref="IReplicator"/>, the hosted service that starts and stops
    /// it, <see cref="RaftOptions"/> (validated on start) and, unless one is registered, the
    /// <see cref="StopHostFatalErrorHandler"/> and <see cref="TimeProvider.System"/>.
    /// The caller registers the <see cref="IReplicatedStateMachine"/>. Every <see cref="ILeaderQuery"/> registered (before
    /// or after this call) is answered by the replicator while it leads (<see cref="IReplicator.QueryLeaderAsync"/>); register
    /// one with <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ILeaderQuery, TQuery&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddParleyConsensus(this IServiceCollection services, Action<RaftOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<RaftOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RaftOptions>, RaftOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFatalErrorHandler, StopHostFatalErrorHandler>();
        services.TryAddSingleton<RaftReplicator>();
        services.TryAddSingleton<IReplicator>(sp => sp.GetRequiredService<RaftReplicator>());
        services.AddHostedService<RaftHostedService>();
        return services;
    }
}
