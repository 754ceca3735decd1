using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Agent.Configuration;
using Parley.Api.Agent;
using Parley.Api.Contracts;
using Parley.Api.Http;

namespace Parley.Agent.Hosting;

/// <summary>
/// <c>PUT /v1/agent/reload</c>: loads the agent's config files again (with the command line's flags) and registers their
/// services and checks, as Consul's reload does; a file that no longer loads is refused with its reason and nothing is
/// applied. Other settings (ports, addresses, log level, ...) take effect at the next start, and the log says so.
/// </summary>
internal sealed partial class ConfigReloader(
    Func<(AgentConfig Config, IReadOnlyList<string> Warnings)> load, LocalServices services,
        ILogger<ConfigReloader> logger) : IAgentReloader
{
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        AgentConfig config;
        IReadOnlyList<string> warnings;
        try
        {
            (config, warnings) = load();
        }
        catch (ConfigException e)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, e.Message);
        }

        foreach (var warning in warnings)
        {
            Log.Warning(logger, warning);
        }

        foreach (var definition in config.Services)
        {
            var registration = definition.Deserialize<AgentServiceRegistration>(ApiJson.Request)!;
            await services.RegisterAsync(registration, cancellationToken);
        }

        Log.Reloaded(logger, config.Services.Count);
    }

    private static partial class Log
    {
        // Agent owns 5000-5999 (AgentLog); 5110-5119 are the reloader's.
        [LoggerMessage(5110, LogLevel.Warning, "{Warning}")]
        public static partial void Warning(ILogger logger, string warning);

        [LoggerMessage(5111, LogLevel.Information,
            "Reloaded the configuration: {Count} service definitions registered; other changed settings apply at the next start")]
        public static partial void Reloaded(ILogger logger, int count);
    }
}
