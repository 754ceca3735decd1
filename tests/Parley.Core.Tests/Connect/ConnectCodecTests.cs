using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class ConnectCodecTests
{
    [Fact]
    public void DecodeProxy_ConsulAndSnakeCaseKeys_ReadTheSameUpstream()
    {
        var consul = ConnectCodec.DecodeProxy(Parse("""
            {"DestinationServiceName":"frontend","Upstreams":[
              {"DestinationName":"backend","DestinationPeer":"cluster-01","LocalBindPort":9191}]}
            """));
        var snake = ConnectCodec.DecodeProxy(Parse("""
            {"destination_service_name":"frontend","upstreams":[
              {"destination_name":"backend","destination_peer":"cluster-01","local_bind_port":"9191"}]}
            """));

        Assert.Equal("frontend", snake.DestinationServiceName);
        var upstream = Assert.Single(snake.Upstreams);
        Assert.Equal(("backend", "cluster-01", 9191), (upstream.DestinationName, upstream.DestinationPeer, upstream.LocalBindPort));
        Assert.True(ConnectCodec.Same(consul, snake));
    }

    [Fact]
    public void EncodeProxy_WritesConsulsShape_ModeMeshGatewayAndExposeAlwaysPresent()
    {
        var encoded = ConnectCodec.EncodeProxy(new ConnectProxyConfig
        {
            DestinationServiceName = "web",
            DestinationServiceID = "web-1",
            LocalServiceAddress = "127.0.0.1",
            LocalServicePort = 8080,
            Upstreams = [new Upstream { DestinationName = "db", LocalBindPort = 9191 }],
        });

        Assert.Equal(
            """{"DestinationServiceName":"web","DestinationServiceID":"web-1","LocalServiceAddress":"127.0.0.1","LocalServicePort":""" +
                """8080,"Mode":"","Upstreams":[{"DestinationType":"","DestinationName":"db","Datacenter":"","LocalBindPort":""" +
                """9191,"MeshGateway":{}}],"MeshGateway":{},"Expose":{}}""",
            encoded.ToJsonString());
    }

    [Fact]
    public void EncodeProxy_RoundTripsEveryField()
    {
        var proxy = new ConnectProxyConfig
        {
            DestinationServiceName = "web",
            Mode = "transparent",
            TransparentProxy = new TransparentProxyConfig { OutboundListenerPort = 15001 },
            Config = new JsonObject { ["protocol"] = "http", ["local_connect_timeout_ms"] = 1000 },
            MeshGateway = new MeshGatewayConfig { Mode = "local" },
            Expose = new ExposeConfig
            {
                Checks = true,
                Paths = [new ExposePath { Path = "/health", ListenerPort = 21500, LocalPathPort = 8080 }],
            },
            Upstreams =
            [
                new Upstream
                {
                    DestinationType = Upstream.TypePreparedQuery, DestinationName = "geo", Datacenter = "dc2",
                        LocalBindAddress = "127.0.0.2",
                    LocalBindPort = 1, Config = new JsonObject { ["connect_timeout_ms"] = 500 },
                        MeshGateway = new MeshGatewayConfig { Mode = "remote" },
                },
            ],
        };

        var decoded = ConnectCodec.DecodeProxy(ConnectCodec.EncodeProxy(proxy));

        Assert.True(ConnectCodec.Same(proxy, decoded));
        Assert.Equal("local", decoded.MeshGateway.Mode);
        Assert.Equal(15001, decoded.TransparentProxy.OutboundListenerPort);
        Assert.Equal("http", decoded.Config!["protocol"]!.GetValue<string>());
    }

    [Fact]
    public void DecodeProxy_UnknownKey_IgnoredByTheApiButRefusedWhenStrict()
    {
        var raw = Parse("""{"DestinationServiceName":"web","Bogus":1}""");

        Assert.Equal("web", ConnectCodec.DecodeProxy(raw).DestinationServiceName);
        var error = Assert.Throws<ConfigEntryDecodeException>(() => ConnectCodec.DecodeProxy(raw, strict: true));
        Assert.Contains("Bogus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeProxy_WrongType_IsRefused()
    {
        var error = Assert.Throws<ConfigEntryDecodeException>(
            () => ConnectCodec.DecodeProxy(Parse("""{"Upstreams":[{"LocalBindPort":"nine"}]}""")));
        Assert.Contains("LocalBindPort", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeConnect_TakesTheSidecarServiceOutAndKeepsPeerMeta()
    {
        var connect = ConnectCodec.DecodeConnect(
            Parse("""{"Native":false,"SidecarService":{"Port":21001},"PeerMeta":{"SNI":["a.default.default.p.external.td"],"SpiffeID":""" +
                """["spiffe://td/ns/default/dc/dc1/svc/a"],"Protocol":"http"}}"""),
            out var sidecar);

        Assert.Equal(21001, sidecar!["Port"]!.GetValue<int>());
        Assert.Equal("a.default.default.p.external.td", connect.PeerMeta!.PrimarySni);
        Assert.Equal(
            """{"PeerMeta":{"SNI":["a.default.default.p.external.td"],"SpiffeID":["spiffe:""" +
                """//td/ns/default/dc/dc1/svc/a"],"Protocol":"http"}}""",
            ConnectCodec.EncodeConnect(connect).ToJsonString());
    }

    [Fact]
    public void EncodeConnect_NothingSet_IsAnEmptyObject()
    {
        Assert.Equal("{}", ConnectCodec.EncodeConnect(null).ToJsonString());
        Assert.True(ConnectCodec.Same(null, new ServiceConnect()));
        Assert.False(ConnectCodec.Same(null, new ServiceConnect { Native = true }));
    }

    [Theory]
    [InlineData("", "backend", "", "", "backend")]
    [InlineData("", "backend", "cluster-01", "", "backend?peer=cluster-01")]
    [InlineData("", "backend", "", "dc2", "backend?dc=dc2")]
    [InlineData("prepared_query", "geo", "", "", "prepared_query:geo")]
    public void Identifier_IsConsuls(string type, string name, string peer, string dc, string expected)
    {
        var upstream = new Upstream { DestinationType = type, DestinationName = name, DestinationPeer = peer, Datacenter = dc };
        Assert.Equal(expected, upstream.Identifier);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
