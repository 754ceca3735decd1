using Microsoft.Extensions.DependencyInjection;

namespace Parley.Api.Acl;

/// <summary>Registers the ACL system the API enforces.</summary>
public static class AclServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="options"/>, the agent's tokens (<see cref="AgentTokens"/>), the token resolver
    /// (<see cref="AclResolver"/>) and the leader routine that writes the built-in policy and tokens (<see cref="AclInitializer"/>).
    /// </summary>
    public static IServiceCollection AddParleyAcl(this IServiceCollection services, AclOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<AgentTokens>();
        services.AddSingleton<AclResolver>();
        services.AddHostedService<AclInitializer>();
        return services;
    }
}
