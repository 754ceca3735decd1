using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Connect;

/// <summary>
/// Reads and writes the <c>Proxy</c> and <c>Connect</c> blocks of a service in Consul's JSON shape. Decoding is
/// Consul's weak decode (case-insensitive keys, snake_case aliases such as <c>destination_peer</c> and
/// <c>local_bind_port</c>, <c>"9191"</c> as a number); encoding writes Consul's field order and its omitempty.
/// </summary>
/// <remarks>
/// Pure and thread-safe. <c>EncodeProxy(DecodeProxy(x))</c> is stable. Decoding does not validate; Consul's rules
/// for proxies, gateways and upstreams are checked where a registration is accepted.
/// </remarks>
public static class ConnectCodec
{
    /// <summary>Decodes a <c>Proxy</c> block.</summary>
    /// <param name="raw">The block.</param>
    /// <param name="strict">Report unknown keys as errors (agent config files); the HTTP API ignores them, as Go's JSON does.</param>
    /// <exception cref="ConfigEntryDecodeException">A value has the wrong type, or (strict) a key is unknown.</exception>
    public static ConnectProxyConfig DecodeProxy(JsonObject raw, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Decode(raw, strict, "", r => ReadProxy(r));
    }

    /// <summary>Decodes a <c>Connect</c> block; <paramref name="sidecarService"/> receives a registration's nested
    /// <c>SidecarService</c> (a copy), which is never stored on the instance itself.</summary>
    /// <exception cref="ConfigEntryDecodeException">A value has the wrong type, or (strict) a key is unknown.</exception>
    public static ServiceConnect DecodeConnect(JsonObject raw, out JsonObject? sidecarService, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        JsonObject? sidecar = null;
        var connect = Decode(raw, strict, "", r =>
        {
            sidecar = r.RawObject("SidecarService", "sidecar_service");
            return new ServiceConnect
            {
                Native = r.Bool("Native"),
                PeerMeta = r.Object("PeerMeta", ReadPeerMeta, "peer_meta"),
            };
        });
        sidecarService = sidecar;
        return connect;
    }

    /// <summary>Decodes one upstream (also used for the CLI's and config files' upstream blocks).</summary>
    /// <exception cref="ConfigEntryDecodeException">A value has the wrong type, or (strict) a key is unknown.</exception>
    public static Upstream DecodeUpstream(JsonObject raw, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Decode(raw, strict, "", ReadUpstream);
    }

    /// <summary>
    /// Encodes a <c>Proxy</c> block as Consul writes it (<c>Mode</c>, <c>MeshGateway</c> and <c>Expose</c> always present).
    /// </summary>
    public static JsonObject EncodeProxy(ConnectProxyConfig proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var obj = new JsonObject()
            .OptObject("EnvoyExtensions", proxy.EnvoyExtensions?.DeepClone())
            .OptString("DestinationServiceName", proxy.DestinationServiceName)
            .OptString("DestinationServiceID", proxy.DestinationServiceID)
            .OptString("LocalServiceAddress", proxy.LocalServiceAddress)
            .OptInt("LocalServicePort", proxy.LocalServicePort)
            .OptString("LocalServiceSocketPath", proxy.LocalServiceSocketPath)
            .String("Mode", proxy.Mode)
            .OptObject("Config", proxy.Config?.DeepClone())
            .OptList("Upstreams", proxy.Upstreams, EncodeUpstream);
        obj["MeshGateway"] = ConfigEntryCodec.EncodeMeshGateway(proxy.MeshGateway);
        obj["Expose"] = ConfigEntryCodec.EncodeExpose(proxy.Expose);
        if (proxy.TransparentProxy.OutboundListenerPort != 0 || proxy.TransparentProxy.DialedDirectly)
        {
            obj["TransparentProxy"] = ConfigEntryCodec.EncodeTransparentProxy(proxy.TransparentProxy);
        }

        return obj.OptObject("AccessLogs", proxy.AccessLogs?.DeepClone()).OptString("MutualTLSMode", proxy.MutualTLSMode);
    }

    /// <summary>Encodes a <c>Connect</c> block (<c>{}</c> when nothing is set, as Consul writes it).</summary>
    public static JsonObject EncodeConnect(ServiceConnect? connect)
    {
        var obj = new JsonObject();
        if (connect is null)
        {
            return obj;
        }

        obj.OptBool("Native", connect.Native);
        if (connect.PeerMeta is { } meta)
        {
            obj["PeerMeta"] = new JsonObject()
                .OptStrings("SNI", meta.SNI)
                .OptStrings("SpiffeID", meta.SpiffeID)
                .OptString("Protocol", meta.Protocol);
        }

        return obj;
    }

    /// <summary>Encodes one upstream as Consul writes it.</summary>
    public static JsonObject EncodeUpstream(Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var obj = new JsonObject()
            .String("DestinationType", upstream.DestinationType)
            .OptString("DestinationNamespace", upstream.DestinationNamespace)
            .OptString("DestinationPartition", upstream.DestinationPartition)
            .OptString("DestinationPeer", upstream.DestinationPeer)
            .String("DestinationName", upstream.DestinationName)
            .String("Datacenter", upstream.Datacenter)
            .OptString("LocalBindAddress", upstream.LocalBindAddress)
            .OptInt("LocalBindPort", upstream.LocalBindPort)
            .OptString("LocalBindSocketPath", upstream.LocalBindSocketPath)
            .OptString("LocalBindSocketMode", upstream.LocalBindSocketMode)
            .OptObject("Config", upstream.Config?.DeepClone());
        obj["MeshGateway"] = ConfigEntryCodec.EncodeMeshGateway(upstream.MeshGateway);
        return obj.OptBool("CentrallyConfigured", upstream.CentrallyConfigured);
    }

    /// <summary>True when both encode identically (null equals only null).</summary>
    public static bool Same(ConnectProxyConfig? a, ConnectProxyConfig? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && JsonNode.DeepEquals(EncodeProxy(a), EncodeProxy(b)));

    /// <summary>True when both encode identically; null and an empty block are the same.</summary>
    public static bool Same(ServiceConnect? a, ServiceConnect? b) =>
        ReferenceEquals(a, b) || JsonNode.DeepEquals(EncodeConnect(a), EncodeConnect(b));

    private static T Decode<T>(JsonObject raw, bool strict, string path, Func<JsonFieldReader, T> read)
    {
        var context = new DecodeContext();
        var reader = new JsonFieldReader(raw, path, context);
        var value = read(reader);
        reader.Finish();
        if (!strict)
        {
            context.UnusedKeys.Clear();
        }

        context.ThrowIfFailed();
        return value;
    }

    private static ConnectProxyConfig ReadProxy(JsonFieldReader r) => new()
    {
        EnvoyExtensions = r.RawArray("EnvoyExtensions", "envoy_extensions"),
        DestinationServiceName = r.String("DestinationServiceName", "destination_service_name"),
        DestinationServiceID = r.String("DestinationServiceID", "destination_service_id"),
        LocalServiceAddress = r.String("LocalServiceAddress", "local_service_address"),
        LocalServicePort = r.Int("LocalServicePort", "local_service_port"),
        LocalServiceSocketPath = r.String("LocalServiceSocketPath", "local_service_socket_path"),
        Mode = r.String("Mode"),
        TransparentProxy = r.Object("TransparentProxy", ConfigEntryCodec.DecodeTransparentProxy, "transparent_proxy") ?? new(),
        Config = r.RawObject("Config"),
        Upstreams = r.List("Upstreams", ReadUpstream),
        MeshGateway = r.Object("MeshGateway", ConfigEntryCodec.DecodeMeshGateway, "mesh_gateway") ?? new(),
        Expose = r.Object("Expose", ConfigEntryCodec.DecodeExpose) ?? new(),
        MutualTLSMode = r.String("MutualTLSMode", "mutual_tls_mode"),
        AccessLogs = r.RawObject("AccessLogs", "access_logs"),
    };

    private static Upstream ReadUpstream(JsonFieldReader r) => new()
    {
        DestinationType = r.String("DestinationType", "destination_type"),
        DestinationNamespace = r.String("DestinationNamespace", "destination_namespace"),
        DestinationPartition = r.String("DestinationPartition", "destination_partition"),
        DestinationPeer = r.String("DestinationPeer", "destination_peer"),
        DestinationName = r.String("DestinationName", "destination_name"),
        Datacenter = r.String("Datacenter"),
        LocalBindAddress = r.String("LocalBindAddress", "local_bind_address"),
        LocalBindPort = r.Int("LocalBindPort", "local_bind_port"),
        LocalBindSocketPath = r.String("LocalBindSocketPath", "local_bind_socket_path"),
        LocalBindSocketMode = r.String("LocalBindSocketMode", "local_bind_socket_mode"),
        Config = r.RawObject("Config"),
        MeshGateway = r.Object("MeshGateway", ConfigEntryCodec.DecodeMeshGateway, "mesh_gateway") ?? new(),
        CentrallyConfigured = r.Bool("CentrallyConfigured"),
    };

    private static PeeringServiceMeta ReadPeerMeta(JsonFieldReader r) => new()
    {
        SNI = r.StringList("SNI"),
        SpiffeID = r.StringList("SpiffeID", "spiffe_id"),
        Protocol = r.String("Protocol"),
    };
}
