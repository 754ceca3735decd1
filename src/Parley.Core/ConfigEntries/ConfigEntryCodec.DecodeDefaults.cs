namespace Parley.Core.ConfigEntries;

/// <content>Decoding of service-defaults, proxy-defaults and mesh.</content>
public static partial class ConfigEntryCodec
{
    private static ServiceDefaultsConfigEntry DecodeServiceDefaults(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Protocol = r.String("Protocol"),
        Mode = r.String("Mode"),
        TransparentProxy = r.Object("TransparentProxy", DecodeTransparentProxy, "transparent_proxy") ?? new(),
        MeshGateway = r.Object("MeshGateway", DecodeMeshGateway, "mesh_gateway") ?? new(),
        Expose = r.Object("Expose", DecodeExpose) ?? new(),
        ExternalSni = r.String("ExternalSNI", "external_sni"),
        UpstreamConfig = r.Object(
            "UpstreamConfig",
            u => new UpstreamConfiguration
            {
                Overrides = u.List("Overrides", DecodeUpstreamConfig),
                Defaults = u.Object("Defaults", DecodeUpstreamConfig),
            },
            "upstream_config"),
        Destination = r.Object("Destination", d => new DestinationConfig
        {
            Addresses = d.StringList("Addresses"),
            Port = d.Int("Port"),
        }),
        MaxInboundConnections = r.Int("MaxInboundConnections", "max_inbound_connections"),
        LocalConnectTimeoutMs = r.Int("LocalConnectTimeoutMs", "local_connect_timeout_ms"),
        LocalRequestTimeoutMs = r.Int("LocalRequestTimeoutMs", "local_request_timeout_ms"),
        BalanceInboundConnections = r.String("BalanceInboundConnections", "balance_inbound_connections"),
        Meta = r.StringMap("Meta"),
    };

    private static UpstreamConfig DecodeUpstreamConfig(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Namespace = r.String("Namespace"),
        Partition = r.String("Partition"),
        Peer = r.String("Peer"),
        EnvoyListenerJson = r.String("EnvoyListenerJSON", "envoy_listener_json"),
        EnvoyClusterJson = r.String("EnvoyClusterJSON", "envoy_cluster_json"),
        Protocol = r.String("Protocol"),
        ConnectTimeoutMs = r.Int("ConnectTimeoutMs", "connect_timeout_ms"),
        Limits = r.Object("Limits", l => new UpstreamLimits
        {
            MaxConnections = l.NullableInt("MaxConnections", "max_connections"),
            MaxPendingRequests = l.NullableInt("MaxPendingRequests", "max_pending_requests"),
            MaxConcurrentRequests = l.NullableInt("MaxConcurrentRequests", "max_concurrent_requests"),
        }),
        PassiveHealthCheck = r.Object(
            "PassiveHealthCheck",
            p => new PassiveHealthCheck
            {
                Interval = p.Duration("Interval"),
                MaxFailures = p.Int("MaxFailures", "max_failures"),
                EnforcingConsecutive5xx = p.NullableInt("EnforcingConsecutive5xx", "enforcing_consecutive_5xx"),
            },
            "passive_health_check"),
        MeshGateway = r.Object("MeshGateway", DecodeMeshGateway, "mesh_gateway") ?? new(),
        BalanceOutboundConnections = r.String("BalanceOutboundConnections", "balance_outbound_connections"),
    };

    private static ProxyDefaultsConfigEntry DecodeProxyDefaults(JsonFieldReader r) => new()
    {
        Name = r.String("Name"),
        Config = r.RawObject("Config"),
        Mode = r.String("Mode"),
        TransparentProxy = r.Object("TransparentProxy", DecodeTransparentProxy, "transparent_proxy") ?? new(),
        MeshGateway = r.Object("MeshGateway", DecodeMeshGateway, "mesh_gateway") ?? new(),
        Expose = r.Object("Expose", DecodeExpose) ?? new(),
        Meta = r.StringMap("Meta"),
    };

    private static MeshConfigEntry DecodeMesh(JsonFieldReader r)
    {
        var name = r.String("Name");
        return new MeshConfigEntry
        {
            Name = name.Length == 0 ? ConfigEntryKinds.MeshName : name,
            TransparentProxy = r.Object(
                "TransparentProxy",
                t => new TransparentProxyMeshConfig { MeshDestinationsOnly = t.Bool("MeshDestinationsOnly", "mesh_destinations_only") },
                "transparent_proxy") ?? new(),
            AllowEnablingPermissiveMutualTls = r.Bool("AllowEnablingPermissiveMutualTLS", "allow_enabling_permissive_mutual_tls"),
            Tls = r.Object("TLS", t => new MeshTlsConfig
            {
                Incoming = t.Object("Incoming", DecodeDirectionalTls),
                Outgoing = t.Object("Outgoing", DecodeDirectionalTls),
            }),
            Http = r.Object(
                "HTTP",
                h => new MeshHttpConfig
                {
                    SanitizeXForwardedClientCert = h.Bool("SanitizeXForwardedClientCert", "sanitize_x_forwarded_client_cert")
                }),
            Peering = r.Object(
                "Peering",
                p => new PeeringMeshConfig { PeerThroughMeshGateways = p.Bool("PeerThroughMeshGateways", "peer_through_mesh_gateways") }),
            Meta = r.StringMap("Meta"),
        };
    }

    private static MeshDirectionalTlsConfig DecodeDirectionalTls(JsonFieldReader r) => new()
    {
        TlsMinVersion = r.String("TLSMinVersion", "tls_min_version"),
        TlsMaxVersion = r.String("TLSMaxVersion", "tls_max_version"),
        CipherSuites = r.StringList("CipherSuites", "cipher_suites"),
    };

    internal static TransparentProxyConfig DecodeTransparentProxy(JsonFieldReader r) => new()
    {
        OutboundListenerPort = r.Int("OutboundListenerPort", "outbound_listener_port"),
        DialedDirectly = r.Bool("DialedDirectly", "dialed_directly"),
    };

    internal static MeshGatewayConfig DecodeMeshGateway(JsonFieldReader r) => new() { Mode = r.String("Mode") };

    internal static ExposeConfig DecodeExpose(JsonFieldReader r) => new()
    {
        Checks = r.Bool("Checks"),
        Paths = r.List("Paths", p => new ExposePath
        {
            ListenerPort = p.Int("ListenerPort", "listener_port"),
            Path = p.String("Path"),
            LocalPathPort = p.Int("LocalPathPort", "local_path_port"),
            Protocol = p.String("Protocol"),
            ParsedFromCheck = p.Bool("ParsedFromCheck", "parsed_from_check"),
        }),
    };
}
