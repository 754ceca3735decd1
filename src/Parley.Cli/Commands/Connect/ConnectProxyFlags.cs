using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// The flags of <c>parley connect proxy</c>, with Consul's names and environment defaults: <c>-sidecar-for</c>
/// (<c>CONNECT_SIDECAR_FOR</c>), <c>-proxy-id</c> (<c>CONNECT_PROXY_ID</c>), <c>-log-level</c> (default <c>INFO</c>).
/// </summary>
internal sealed class ConnectProxyFlags
{
    private readonly Option<string?> _sidecarFor = CliOptions.Create<string?>(
        "sidecar-for",
        "The ID of a service instance on the local agent that this proxy should become a sidecar for. It requires that the proxy "
        + "service is registered with the agent as a connect-proxy with Proxy.DestinationServiceID set to this value. "
        + "Defaults to CONNECT_SIDECAR_FOR.",
        "id");

    private readonly Option<string?> _proxyId = CliOptions.Create<string?>(
        "proxy-id", "The proxy's ID on the local agent. Defaults to CONNECT_PROXY_ID.", "id");

    private readonly Option<string?> _logLevel = CliOptions.Create<string?>(
        "log-level", "Specifies the log level: TRACE, DEBUG, INFO, WARN or ERR. Defaults to INFO.", "level");

    /// <summary>Adds the flags to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_sidecarFor);
        command.Add(_proxyId);
        command.Add(_logLevel);
        return command;
    }

    /// <summary>The service instance ID to be a sidecar for, from the flag or <c>CONNECT_SIDECAR_FOR</c>; empty when neither.</summary>
    public string SidecarFor(ParseResult parseResult, CliContext context) =>
        parseResult.GetValue(_sidecarFor) ?? context.GetEnvironmentVariable("CONNECT_SIDECAR_FOR") ?? "";

    /// <summary>The proxy ID, from the flag or <c>CONNECT_PROXY_ID</c>; empty when neither.</summary>
    public string ProxyId(ParseResult parseResult, CliContext context) =>
        parseResult.GetValue(_proxyId) ?? context.GetEnvironmentVariable("CONNECT_PROXY_ID") ?? "";

    /// <summary>The <c>-log-level</c> as given.</summary>
    public string RawLogLevel(ParseResult parseResult) => parseResult.GetValue(_logLevel) ?? "INFO";

    /// <summary>The log level: Consul's names (and their common spellings), case-insensitive.</summary>
    public bool TryLogLevel(ParseResult parseResult, out LogLevel level)
    {
        level = RawLogLevel(parseResult).ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERR" or "ERROR" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }
}
