using System.CommandLine;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// The connection flags every client command takes, as Consul's do: <c>-http-addr</c> (else <c>CONSUL_HTTP_ADDR</c>),
/// <c>-token</c> (else <c>CONSUL_HTTP_TOKEN</c>) and <c>-token-file</c> (else <c>CONSUL_HTTP_TOKEN_FILE</c>).
/// </summary>
internal sealed class ConnectionOptions
{
    private readonly Option<string?> _httpAddr = CliOptions.Create<string?>(
        "http-addr",
        "The address and port of the agent HTTP API, e.g. 127.0.0.1:8500 or https://agent:8501. "
        + "Defaults to CONSUL_HTTP_ADDR, else http://127.0.0.1:8500.",
        "address");

    private readonly Option<string?> _token = CliOptions.Create<string?>(
        "token", "ACL token to use in the request. Defaults to CONSUL_HTTP_TOKEN.", "value");

    private readonly Option<string?> _tokenFile = CliOptions.Create<string?>(
        "token-file", "File containing the ACL token to use in the request. Defaults to CONSUL_HTTP_TOKEN_FILE.", "path");

    /// <summary>Adds the connection flags to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_httpAddr);
        command.Add(_token);
        command.Add(_tokenFile);
        return command;
    }

    /// <summary>A client for the agent the flags and environment point at.</summary>
    /// <exception cref="UriFormatException">The address is not usable.</exception>
    /// <exception cref="IOException">The token file cannot be read.</exception>
    public ParleyClient CreateClient(ParseResult parseResult, CliContext context)
    {
        var options = ParleyClientOptions.FromEnvironment(context.GetEnvironmentVariable);
        if (parseResult.GetValue(_httpAddr) is { Length: > 0 } address)
        {
            options = options with { Address = address };
        }

        if (parseResult.GetValue(_token) is { Length: > 0 } token)
        {
            options = options with { Token = token };
        }
        else if (parseResult.GetValue(_tokenFile) is { Length: > 0 } tokenFile)
        {
            options = options with { Token = File.ReadAllText(tokenFile).Trim() };
        }

        _ = options.GetBaseUri();
        return new ParleyClient(options);
    }

    /// <summary>
    /// Creates the client, or prints <c>&lt;prefix&gt;: &lt;error&gt;</c> and returns null. Consul's commands use
    /// either "Error connecting to Consul agent" or (peering, config) "Error connect to Consul agent".
    /// </summary>
    public ParleyClient? TryCreateClient(ParseResult parseResult, CliContext context, string prefix = "Error connecting to Consul agent")
    {
        try
        {
            return CreateClient(parseResult, context);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{prefix}: {exception.Message}");
            return null;
        }
    }
}
