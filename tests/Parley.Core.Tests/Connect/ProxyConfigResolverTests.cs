using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class ProxyConfigResolverTests
{
    private static ServiceInstance Sidecar(ConnectProxyConfig proxy) => new()
    {
        Node = "n1",
        ID = "web-sidecar-proxy",
        Service = "web-sidecar-proxy",
        Kind = ServiceKinds.ConnectProxy,
        Port = 21000,
        Proxy = proxy with { DestinationServiceName = "web" },
    };

    private static ConfigEntrySet Entries(params string[] json) =>
        new(json.Select(j => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(j))));

    [Fact]
    public void Resolve_Protocol_ServiceDefaultsOverProxyDefaults_RegistrationOverBoth()
    {
        var entries = Entries(
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"tcp","local_connect_timeout_ms":1000}}""",
            """{"Kind":"service-defaults","Name":"web","Protocol":"http"}""");

        var fromEntries = ProxyConfigResolver.Resolve(Sidecar(new ConnectProxyConfig()), entries)!;
        var own =
            ProxyConfigResolver.Resolve(Sidecar(new ConnectProxyConfig { Config = new JsonObject { ["protocol"] = "grpc" } }), entries)!;

        Assert.Equal("http", (string?)fromEntries.Config!["protocol"]);
        Assert.Equal(1000, (int?)fromEntries.Config["local_connect_timeout_ms"]);
        Assert.Equal("grpc", (string?)own.Config!["protocol"]);
    }

    [Fact]
    public void Resolve_MeshGatewayMode_RegistrationThenServiceDefaultsThenProxyDefaults()
    {
        var proxyOnly = Entries("""{"Kind":"proxy-defaults","Name":"global","MeshGateway":{"Mode":"local"}}""");
        var both = Entries(
            """{"Kind":"proxy-defaults","Name":"global","MeshGateway":{"Mode":"local"}}""",
            """{"Kind":"service-defaults","Name":"web","MeshGateway":{"Mode":"remote"}}""");
        var registered = new ConnectProxyConfig { MeshGateway = new MeshGatewayConfig { Mode = "none" } };

        Assert.Equal("local", ProxyConfigResolver.Resolve(Sidecar(new ConnectProxyConfig()), proxyOnly)!.MeshGateway.Mode);
        Assert.Equal("remote", ProxyConfigResolver.Resolve(Sidecar(new ConnectProxyConfig()), both)!.MeshGateway.Mode);
        Assert.Equal("none", ProxyConfigResolver.Resolve(Sidecar(registered), both)!.MeshGateway.Mode);
    }

    [Fact]
    public void Resolve_Upstreams_ProtocolAndUpstreamConfigMerged_OwnKeysAndModeWin()
    {
        var entries = Entries(
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"tcp"},"MeshGateway":{"Mode":"local"}}""",
            """{"Kind":"service-defaults","Name":"db","Protocol":"http2"}""",
            """
            {"Kind":"service-defaults","Name":"web","UpstreamConfig":{
              "Defaults":{"ConnectTimeoutMs":3000,"MeshGateway":{"Mode":"remote"}},
              "Overrides":[{"Name":"cache","Peer":"p1","ConnectTimeoutMs":500,"Limits":{"MaxConnections":10},
               "MeshGateway":{"Mode":"local"}}]}}
            """);
        var proxy = new ConnectProxyConfig
        {
            Upstreams =
            [
                new Upstream { DestinationName = "db", LocalBindPort = 1 },
                new Upstream { DestinationName = "cache", DestinationPeer = "p1", LocalBindPort = 2 },
                new Upstream
                {
                    DestinationName = "other",
                    LocalBindPort = 3,
                    Config = new JsonObject { ["connect_timeout_ms"] = 42 },
                    MeshGateway = new MeshGatewayConfig { Mode = "none" },
                },
            ],
        };

        var resolved = ProxyConfigResolver.Resolve(Sidecar(proxy), entries)!;
        var (db, cache, other) = (resolved.Upstreams[0], resolved.Upstreams[1], resolved.Upstreams[2]);

        Assert.Equal(
            ("http2", 3000, "remote"),
            ((string?)db.Config!["protocol"], (int?)db.Config["connect_timeout_ms"], db.MeshGateway.Mode));
        Assert.Equal(("tcp", 500, 10, "local"),
            ((string?)cache.Config!["protocol"], (int?)cache.Config["connect_timeout_ms"], (int?)cache.Config["limits"]!["MaxConnections"],
            cache.MeshGateway.Mode));
        Assert.Equal((42, "none"), ((int?)other.Config!["connect_timeout_ms"], other.MeshGateway.Mode));
        // The proxy's own mode (from proxy-defaults) is what an upstream without one uses.
        Assert.Equal("local", ProxyConfigResolver.UpstreamMeshGatewayMode(resolved, new Upstream { DestinationName = "x" }));
    }

    [Fact]
    public void Resolve_RegistrationModeBeatsUpstreamDefaults_ButNotAnOverride()
    {
        var entries = Entries("""
            {"Kind":"service-defaults","Name":"web","UpstreamConfig":{"Defaults":{"MeshGateway":{"Mode":"remote"}},
              "Overrides":[{"Name":"cache","MeshGateway":{"Mode":"none"}}]}}
            """);
        var proxy = new ConnectProxyConfig
        {
            MeshGateway = new MeshGatewayConfig { Mode = "local" },
            Upstreams = [new Upstream
            {
                DestinationName = "db",
                LocalBindPort = 1,
            }, new Upstream { DestinationName = "cache", LocalBindPort = 2 }],
        };

        var resolved = ProxyConfigResolver.Resolve(Sidecar(proxy), entries)!;

        Assert.Equal(["local", "none"], resolved.Upstreams.Select(u => u.MeshGateway.Mode));
    }

    [Fact]
    public void Resolve_TypicalServiceOrNoEntries_ReturnsTheRegisteredBlock()
    {
        var typical = new ServiceInstance { Node = "n1", ID = "web", Service = "web" };
        var proxy = new ConnectProxyConfig { DestinationServiceName = "web", LocalServicePort = 8080 };

        Assert.Null(ProxyConfigResolver.Resolve(typical, ConfigEntrySet.Empty));
        Assert.True(ConnectCodec.Same(Sidecar(proxy).Proxy, ProxyConfigResolver.Resolve(Sidecar(proxy), ConfigEntrySet.Empty)));
    }
}
