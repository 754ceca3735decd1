namespace Parley.Client;

/// <summary>Where and how a <see cref="ParleyClient"/> talks to an agent's HTTP API.</summary>
public sealed record ParleyClientOptions
{
    /// <summary>The address used when nothing else is configured: <c>http://127.0.0.1:8500</c>.</summary>
    public const string DefaultAddress = "http://127.0.0.1:8500";

    /// <summary>The environment variable naming the agent address, as Consul's clients read it.</summary>
    public const string AddressVariable = "CONSUL_HTTP_ADDR";

    /// <summary>The environment variable holding the ACL token.</summary>
    public const string TokenVariable = "CONSUL_HTTP_TOKEN";

    /// <summary>The environment variable naming a file that holds the ACL token.</summary>
    public const string TokenFileVariable = "CONSUL_HTTP_TOKEN_FILE";

    /// <summary>The environment variable that, when true, makes a bare <c>host:port</c> address use HTTPS.</summary>
    public const string SslVariable = "CONSUL_HTTP_SSL";

    /// <summary>The environment variable that, when false, turns off checking the agent's certificate.</summary>
    public const string SslVerifyVariable = "CONSUL_HTTP_SSL_VERIFY";

    /// <summary>The environment variable naming a PEM file of CA certificates to trust (instead of the system's).</summary>
    public const string CaFileVariable = "CONSUL_CACERT";

    /// <summary>The environment variable naming a folder of PEM CA certificates to trust.</summary>
    public const string CaPathVariable = "CONSUL_CAPATH";

    /// <summary>The environment variable naming the client certificate (PEM) presented to the agent.</summary>
    public const string ClientCertVariable = "CONSUL_CLIENT_CERT";

    /// <summary>The environment variable naming the client certificate's private key (PEM).</summary>
    public const string ClientKeyVariable = "CONSUL_CLIENT_KEY";

    /// <summary>The environment variable naming the server name to expect in the agent's certificate (and send as SNI).</summary>
    public const string TlsServerNameVariable = "CONSUL_TLS_SERVER_NAME";

    /// <summary>
    /// The agent address: a URL (<c>http://host:port</c>, <c>https://host:port</c>) or a bare <c>host:port</c>,
    /// which means HTTP. Defaults to <see cref="DefaultAddress"/>.
    /// </summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>The ACL token sent as <c>X-Consul-Token</c> on every request. Defaults to none.</summary>
    public string? Token { get; init; }

    /// <summary>Use HTTPS for a bare <c>host:port</c> <see cref="Address"/>. Defaults to false.</summary>
    public bool UseHttps { get; init; }

    /// <summary>
    /// A PEM file of CA certificates; when set (or <see cref="CaPath"/>), only these are trusted. Defaults to none (the system's CAs).
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>A folder of PEM CA certificates, trusted as <see cref="CaFile"/>. Defaults to none.</summary>
    public string? CaPath { get; init; }

    /// <summary>
    /// A PEM client certificate presented to the agent (its <c>verify_incoming</c>). Needs <see cref="ClientKey"/>. Defaults to none.
    /// </summary>
    public string? ClientCert { get; init; }

    /// <summary>The PEM private key of <see cref="ClientCert"/>. Defaults to none.</summary>
    public string? ClientKey { get; init; }

    /// <summary>The name the agent's certificate must carry, instead of the address's host. Defaults to none.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Accept any agent certificate (<c>CONSUL_HTTP_SSL_VERIFY=false</c>). Defaults to false.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>
    /// How long to wait for a TCP connection to the agent. Defaults to 10 seconds. Requests themselves have
    /// no timeout (blocking queries may legitimately wait minutes); cancel them with the token instead.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Options from the environment, as Consul's api package does: <c>CONSUL_HTTP_ADDR</c>,
    /// <c>CONSUL_HTTP_TOKEN</c> (or the file named by <c>CONSUL_HTTP_TOKEN_FILE</c>), <c>CONSUL_HTTP_SSL</c>,
    /// <c>CONSUL_HTTP_SSL_VERIFY</c>, <c>CONSUL_CACERT</c>, <c>CONSUL_CAPATH</c>, <c>CONSUL_CLIENT_CERT</c>,
    /// <c>CONSUL_CLIENT_KEY</c> and <c>CONSUL_TLS_SERVER_NAME</c>.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads a variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public static ParleyClientOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        var options = new ParleyClientOptions();
        if (getEnvironmentVariable(AddressVariable) is { Length: > 0 } address)
        {
            options = options with { Address = address };
        }

        if (getEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            options = options with { Token = token };
        }
        else if (getEnvironmentVariable(TokenFileVariable) is { Length: > 0 } tokenFile)
        {
            options = options with { Token = File.ReadAllText(tokenFile).Trim() };
        }

        if (getEnvironmentVariable(SslVariable) is { Length: > 0 } ssl && bool.TryParse(ssl, out var useHttps))
        {
            options = options with { UseHttps = useHttps };
        }

        if (getEnvironmentVariable(SslVerifyVariable) is { Length: > 0 } verify && bool.TryParse(verify, out var verifies))
        {
            options = options with { InsecureSkipVerify = !verifies };
        }

        options = options with
        {
            CaFile = NonEmpty(getEnvironmentVariable(CaFileVariable)),
            CaPath = NonEmpty(getEnvironmentVariable(CaPathVariable)),
            ClientCert = NonEmpty(getEnvironmentVariable(ClientCertVariable)),
            ClientKey = NonEmpty(getEnvironmentVariable(ClientKeyVariable)),
            TlsServerName = NonEmpty(getEnvironmentVariable(TlsServerNameVariable)),
        };

        return options;
    }

    /// <summary>The base URI requests are sent to, derived from <see cref="Address"/>.</summary>
    /// <exception cref="UriFormatException">The address is neither an HTTP(S) URL nor <c>host:port</c>.</exception>
    public Uri GetBaseUri()
    {
        var address = Address.Trim();
        if (address.Length == 0)
        {
            address = DefaultAddress;
        }

        if (!address.Contains("://", StringComparison.Ordinal))
        {
            address = (UseHttps ? "https://" : "http://") + address;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UriFormatException($"Unknown protocol scheme in address \"{Address}\"");
        }

        // Keep any path prefix (a reverse proxy may serve the API under one) and make it a directory.
        var builder = new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
