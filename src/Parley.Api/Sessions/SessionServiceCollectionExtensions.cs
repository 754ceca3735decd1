using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.State;

namespace Parley.Api.Sessions;

/// <summary>Registers what sessions need beyond their commands: their clock and the leader's TTL timers.</summary>
public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SessionClock.System"/> (a test registers its own after), the deadlines of sessions with a TTL
    /// (<see cref="SessionDeadlines"/>), the leader query that renews them on the leader (<see cref="SessionRenewQuery"/>) and
    /// the leader's timers that destroy expired sessions (<see cref="SessionTimers"/>).
    /// </summary>
    public static IServiceCollection AddParleySessions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(SessionClock.System);
        services.AddSingleton<SessionDeadlines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeaderQuery, SessionRenewQuery>());
        services.AddHostedService<SessionTimers>();
        return services;
    }
}
