namespace Parley.Api.Agent;

/// <summary>What <c>PUT /v1/agent/reload</c> asks of the agent: read its configuration files again and apply what it can.</summary>
public interface IAgentReloader
{
    /// <summary>Re-reads the configuration and applies it.</summary>
    /// <exception cref="Http.ApiException">500 with the reason when the configuration no longer loads; nothing is applied.</exception>
    Task ReloadAsync(CancellationToken cancellationToken);
}
