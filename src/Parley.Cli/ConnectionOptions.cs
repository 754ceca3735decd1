using System.CommandLine;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// The connection flags every client command takes, as Consul's do: <c>-http-addr</c> (else <c>CONSUL_HTTP_ADDR</c>),
/// <c>-token</c> (else <c>CONSUL_HTTP_TOKEN</c>), <c>-token-file</c> (else <c>CONSUL_HTTP_TOKEN_FILE</c>), and the TLS
/// flags <c>-ca-file</c>, <c>-ca-path</c>, <c>-client-cert</c>, <c>-client-key</c>, <c>-tls-server-name</c> (else
/// <c>CONSUL_CACERT</c>, <c>CONSUL_CAPATH</c>, <c>CONSUL_CLIENT_CERT</c>, <c>CONSUL_CLIENT_KEY</c>, <c>CONSUL_TLS_SERVER_NAME</c>).
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

    private readonly Option<string?> _caFile = CliOptions.Create<string?>(
        "ca-file", "Path to a CA file to use for TLS when communicating with Consul. Defaults to CONSUL_CACERT.", "path");

    private readonly Option<string?> _caPath = CliOptions.Create<string?>(
        "ca-path", "Path to a directory of CA certificates to use for TLS when communicating with Consul. Defaults to CONSUL_CAPATH.",
            "path");

    private readonly Option<string?> _clientCert = CliOptions.Create<string?>(
        "client-cert", "Path to a client cert file to use for TLS when 'verify_incoming' is enabled. Defaults to CONSUL_CLIENT_CERT.",
            "path");

    private readonly Option<string?> _clientKey = CliOptions.Create<string?>(
        "client-key", "Path to a client key file to use for TLS when 'verify_incoming' is enabled. Defaults to CONSUL_CLIENT_KEY.", "path");

    private readonly Option<string?> _tlsServerName = CliOptions.Create<string?>(
        "tls-server-name", "The server name to use as the SNI host when connecting via TLS. Defaults to CONSUL_TLS_SERVER_NAME.", "name");

    /// <summary>Adds the connection flags to <paramref name="command"/> and returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_httpAddr);
        command.Add(_token);
        command.Add(_tokenFile);
        command.Add(_caFile);
        command.Add(_caPath);
        command.Add(_clientCert);
        command.Add(_clientKey);
        command.Add(_tlsServerName);
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

        options = options with
        {
            CaFile = parseResult.GetValue(_caFile) is { Length: > 0 } caFile ? caFile : options.CaFile,
            CaPath = parseResult.GetValue(_caPath) is { Length: > 0 } caPath ? caPath : options.CaPath,
            ClientCert = parseResult.GetValue(_clientCert) is { Length: > 0 } cert ? cert : options.ClientCert,
            ClientKey = parseResult.GetValue(_clientKey) is { Length: > 0 } key ? key : options.ClientKey,
            TlsServerName = parseResult.GetValue(_tlsServerName) is { Length: > 0 } name ? name : options.TlsServerName,
        };
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
