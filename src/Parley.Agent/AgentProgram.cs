using Parley.Agent.Configuration;

namespace Parley.Agent;

/// <summary>The <c>parley agent</c> command: load configuration, run the agent until SIGINT or SIGTERM.</summary>
public static class AgentProgram
{
    public static async Task<int> RunAsync(AgentFlags flags, CancellationToken cancellationToken)
    {
        AgentConfig config;
        IReadOnlyList<string> warnings;
        try
        {
            (config, warnings) = ConfigLoader.Load(flags);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync("==> " + e.Message);
            return 1;
        }

        ParleyAgent agent;
        try
        {
            agent = ParleyAgent.Create(config, reload: () => ConfigLoader.Load(flags));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigException)
        {
            // An unusable data dir or address: one line for the user, not an unhandled-exception stack trace.
            await Console.Error.WriteLineAsync("==> Error starting agent: " + e.Message);
            return 1;
        }

        await using var owned = agent;
        var logger = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Logging.ILogger<ParleyAgent>>(agent.Services);
        foreach (var warning in warnings)
        {
            logger.ConfigWarning(warning);
        }

        try
        {
            await agent.StartAsync(cancellationToken);
        }
        // OptionsValidationException: settings the subsystems refuse (e.g. -bootstrap-expect 3 without -retry-join).
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ConfigException
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Console.Error.WriteLineAsync("==> Error starting agent: " + e.Message);
            return 1;
        }

        // The host's console lifetime turns SIGINT and SIGTERM into a graceful stop.
        await agent.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
