using Microsoft.Extensions.DependencyInjection;
using Parley.Agent.Checks;
using Parley.Agent.Configuration;
using Parley.Agent.Hosting;
using Parley.Api.Agent;
using Parley.Api.Operator;
using Parley.Api.Sessions;
using Parley.Dns;

namespace Parley.Agent;

/// <summary>Registers the agent's own work: what runs on this node rather than in a subsystem.</summary>
internal static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds readiness, the server's self-registration, the config files' services, health checks (<see cref="CheckRunner"/>
    /// and its probe), sessions, the Raft operator the API reaches the server through, DNS's view of ACLs and, with
    /// <paramref name="reload"/>, <c>PUT /v1/agent/reload</c>.
    /// </summary>
    public static IServiceCollection AddParleyAgentServices(
        this IServiceCollection services, Func<(AgentConfig Config, IReadOnlyList<string> Warnings)>? reload)
    {
        services.AddSingleton<AgentReadiness>();
        // The operator, snapshot and leave endpoints reach the Raft server through this (the API never sees DotNext).
        services.AddSingleton<IRaftOperator, RaftOperator>();
        services.AddSingleton<IDnsAcl, DnsAcl>();
        if (reload is not null)
        {
            services.AddSingleton<IAgentReloader>(sp => ActivatorUtilities.CreateInstance<ConfigReloader>(sp, reload));
        }

        services.AddParleyChecks();
        services.AddParleySessions();
        services.AddHostedService<SelfRegistration>();
        services.AddHostedService<CheckRunner>();
        services.AddHostedService<ConfigServiceRegistration>();
        return services;
    }

    /// <summary>
    /// The HTTP and TCP probe of health checks, with its two HTTP clients from the factory: one that verifies the
    /// target's certificate and one for checks with <c>tls_skip_verify</c>. Neither logs each request (a check runs every
    /// few seconds).
    /// </summary>
    private static IServiceCollection AddParleyChecks(this IServiceCollection services)
    {
        services.AddHttpClient(CheckProbe.HttpClientName).RemoveAllLoggers();
        services.AddHttpClient(CheckProbe.SkipVerifyHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            })
            .RemoveAllLoggers();
        services.AddSingleton(sp =>
        {
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            return new CheckProbe(
                clients.CreateClient(CheckProbe.HttpClientName),
                clients.CreateClient(CheckProbe.SkipVerifyHttpClientName),
                sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
