namespace Parley.Agent.Configuration;

/// <summary>The agent's configuration is invalid; the agent does not start.</summary>
public sealed class ConfigException(string message) : Exception(message);
