using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Agent.Configuration;
using Parley.Api.Agent;
using Parley.Api.Contracts;
using Parley.Api.Http;

namespace Parley.Agent.Hosting;

/// <summary>
/// Registers the services of the agent's config files (<c>service { }</c>, <c>services [ ]</c>) once the agent is ready,
/// through the same path as <c>PUT /v1/agent/service/register</c>: checks and sidecars included, as Consul's agent does
/// at start. A definition the agent refuses is logged and the others still register.
/// </summary>
internal sealed partial class ConfigServiceRegistration(
    AgentConfig config, LocalServices services, AgentReadiness readiness, ILogger<ConfigServiceRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.Services.Count == 0)
        {
            return;
        }

        try
        {
            await readiness.Ready.WaitAsync(stoppingToken);
            foreach (var definition in config.Services)
            {
                var registration = definition.Deserialize<AgentServiceRegistration>(ApiJson.Request)!;
                try
                {
                    await services.RegisterAsync(registration, stoppingToken);
                    Log.Registered(logger, registration.ID ?? registration.Name ?? "");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.RegistrationFailed(logger, registration.ID ?? registration.Name ?? "", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        // Agent owns 5000-5999 (AgentLog); 5100-5109 are this service's.
        [LoggerMessage(5100, LogLevel.Information, "Registered service {Service} from the agent's configuration")]
        public static partial void Registered(ILogger logger, string service);

        [LoggerMessage(5101, LogLevel.Error, "Could not register service {Service} from the agent's configuration: {Reason}")]
        public static partial void RegistrationFailed(ILogger logger, string service, string reason);
    }
}
