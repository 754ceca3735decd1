using Microsoft.Extensions.DependencyInjection;
using Parley.State.Machine;
using Parley.State.Store;

namespace Parley.State;

/// <summary>Registers the state store and the state machine that applies the replicated log to it.</summary>
public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="StateStore"/> and the <see cref="StateMachine"/>, also as the <see cref="IReplicatedStateMachine"/>
    /// the consensus layer applies committed commands to.
    /// </summary>
    public static IServiceCollection AddParleyState(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<StateStore>();
        services.AddSingleton<StateMachine>();
        services.AddSingleton<IReplicatedStateMachine>(sp => sp.GetRequiredService<StateMachine>());
        return services;
    }
}
