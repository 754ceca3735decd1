namespace Parley.Agent.Configuration;

/// <summary>
/// Consul's <c>tls { defaults, https, grpc, internal_rpc }</c> with its inheritance: each listener's section falls back
/// key by key to <c>defaults</c>, and the deprecated top-level keys (<c>ca_file</c>, <c>verify_incoming</c>, ...) fill
/// only what the <c>tls</c> block leaves unset, as Consul's config builder translates them.
/// </summary>
public sealed record TlsConfig
{
    /// <summary><c>tls.defaults</c>.</summary>
    public TlsSection Defaults { get; init; } = new();

    /// <summary><c>tls.https</c>: the HTTPS listener (<c>ports.https</c>).</summary>
    public TlsSection Https { get; init; } = new();

    /// <summary><c>tls.grpc</c>: the <c>grpc_tls</c> listener.</summary>
    public TlsSection Grpc { get; init; } = new();

    /// <summary><c>tls.internal_rpc</c>: the server port.</summary>
    public TlsSection InternalRpc { get; init; } = new();

    /// <summary>The deprecated top-level keys that map to <c>tls.defaults</c>.</summary>
    public TlsSection LegacyDefaults { get; init; } = new();

    /// <summary><c>verify_incoming_rpc</c> and <c>verify_server_hostname</c> (top level), which map to <c>tls.internal_rpc</c>.</summary>
    public TlsSection LegacyInternalRpc { get; init; } = new();

    /// <summary><c>verify_incoming_https</c> (top level), which maps to <c>tls.https</c>.</summary>
    public TlsSection LegacyHttps { get; init; } = new();

    /// <summary>The HTTPS listener's effective settings.</summary>
    public TlsSection EffectiveHttps => Https.Over(LegacyHttps).Over(EffectiveDefaults);

    /// <summary>The gRPC TLS listener's effective settings.</summary>
    public TlsSection EffectiveGrpc => Grpc.Over(EffectiveDefaults);

    /// <summary>The server port's effective settings.</summary>
    public TlsSection EffectiveInternalRpc => InternalRpc.Over(LegacyInternalRpc).Over(EffectiveDefaults);

    private TlsSection EffectiveDefaults => Defaults.Over(LegacyDefaults);
}
