namespace Parley.Agent.Configuration;

/// <summary>
/// One section of Consul's <c>tls</c> block (<c>defaults</c>, <c>https</c>, <c>grpc</c>, <c>internal_rpc</c>). A key
/// left unset (null) falls back to <c>tls.defaults</c>, then to the deprecated top-level key (see <see cref="TlsConfig"/>).
/// </summary>
public sealed record TlsSection
{
    /// <summary><c>ca_file</c>: a PEM file of CA certificates that peers' certificates must chain to.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>ca_path</c>: a folder whose files are PEM CA certificates.</summary>
    public string? CaPath { get; init; }

    /// <summary><c>cert_file</c>: the PEM certificate this agent presents.</summary>
    public string? CertFile { get; init; }

    /// <summary><c>key_file</c>: the PEM private key of <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>verify_incoming</c>: require and check a client certificate. Unset means false.</summary>
    public bool? VerifyIncoming { get; init; }

    /// <summary><c>verify_outgoing</c>: dial over TLS and check the server's certificate. Unset means false.</summary>
    public bool? VerifyOutgoing { get; init; }

    /// <summary><c>verify_server_hostname</c>: servers must carry <c>server.&lt;dc&gt;.&lt;domain&gt;</c>. Unset means false.</summary>
    public bool? VerifyServerHostname { get; init; }

    /// <summary><c>tls_min_version</c>: <c>TLSv1_0</c> .. <c>TLSv1_3</c>. Unset means <c>TLSv1_2</c>, Consul's default.</summary>
    public string? TlsMinVersion { get; init; }

    /// <summary>This section with every unset key taken from <paramref name="fallback"/>.</summary>
    public TlsSection Over(TlsSection fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new()
        {
            CaFile = CaFile ?? fallback.CaFile,
            CaPath = CaPath ?? fallback.CaPath,
            CertFile = CertFile ?? fallback.CertFile,
            KeyFile = KeyFile ?? fallback.KeyFile,
            VerifyIncoming = VerifyIncoming ?? fallback.VerifyIncoming,
            VerifyOutgoing = VerifyOutgoing ?? fallback.VerifyOutgoing,
            VerifyServerHostname = VerifyServerHostname ?? fallback.VerifyServerHostname,
            TlsMinVersion = TlsMinVersion ?? fallback.TlsMinVersion,
        };
    }
}
