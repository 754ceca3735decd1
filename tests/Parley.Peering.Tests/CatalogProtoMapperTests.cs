using System.Text.Json.Nodes;
using Google.Protobuf;
using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Peering.Tests;

public sealed class CatalogProtoMapperTests
{
    private static Node SampleNode() => new()
    {
        ID = "5b0f3c8e-0000-4000-8000-000000000001",
        Name = "node-1",
        Address = "10.0.0.1",
        Datacenter = "dc1",
        TaggedAddresses = new Dictionary<string, string> { ["wan"] = "198.51.100.1", ["lan"] = "10.0.0.1" },
        Meta = new Dictionary<string, string> { ["rack"] = "r1" },
        CreateIndex = 10,
        ModifyIndex = 11,
    };

    private static ServiceInstance SampleService() => new()
    {
        Node = "node-1",
        Kind = "connect-proxy",
        ID = "web-sidecar-proxy-1",
        Service = "web-sidecar-proxy",
        Tags = ["v1", "blue"],
        Address = "10.0.0.1",
        TaggedAddresses =
            new Dictionary<string, ServiceAddress> { ["lan_ipv4"] = new("10.0.0.1", 21000), ["wan"] = new("198.51.100.1", 443) },
        Meta = new Dictionary<string, string> { ["version"] = "1" },
        Port = 21000,
        SocketPath = "",
        Weights = new ServiceWeights(3, 0),
        EnableTagOverride = true,
        Proxy = new ConnectProxyConfig
        {
            DestinationServiceName = "web",
            Config = new JsonObject { ["protocol"] = "http", ["local_connect_timeout_ms"] = 1000 },
            Upstreams = [new Upstream { DestinationName = "db", DestinationPeer = "p1", LocalBindPort = 9191 }],
        },
        Connect = new ServiceConnect
        {
            PeerMeta = new PeeringServiceMeta
            {
                SNI = ["web.default.default.p1.external.td"],
                SpiffeID = ["spiffe://td/x"],
                Protocol = "http",
            },
        },
        CreateIndex = 12,
        ModifyIndex = 13,
    };

    private static HealthCheck SampleCheck() => new()
    {
        Node = "node-1",
        CheckID = "web-sidecar-proxy-1:overall-check",
        Name = "overall-check",
        Status = HealthStatus.Warning,
        Notes = "n",
        Output = "o",
        ServiceID = "web-sidecar-proxy-1",
        ServiceName = "web-sidecar-proxy",
        ServiceTags = ["v1"],
        Type = "ttl",
        DefinitionJson = """{"TTL":"10s"}""",
        CreateIndex = 14,
        ModifyIndex = 15,
    };

    [Fact]
    public void FromProto_ToProto_RoundTripsEverythingButRaftIndexes()
    {
        var node = SampleNode();
        var service = SampleService();
        var check = SampleCheck();
        var nodeCheck = new HealthCheck { Node = "node-1", CheckID = "serfHealth", Status = HealthStatus.Passing };

        var bytes = CatalogProtoMapper.ToProto(node, service, [check, nodeCheck]).ToByteArray();
        var (n, s, c) = CatalogProtoMapper.FromProto(V1.CheckServiceNode.Parser.ParseFrom(bytes));

        Assert.True(node.SameAs(n));
        Assert.True(service.SameAs(s));
        Assert.Equal(2, c.Count);
        Assert.True(check.SameAs(c[0]));
        Assert.True(nodeCheck.SameAs(c[1]));
        Assert.Null(c[1].DefinitionJson);
        Assert.Equal(0, n.CreateIndex);
        Assert.Equal(0, s.ModifyIndex);
        Assert.Equal(0, c[0].CreateIndex);
    }

    [Fact]
    public void FromProto_ServiceNode_IsTheNodeName()
    {
        var message = CatalogProtoMapper.ToProto(SampleNode(), SampleService() with { Node = "ignored" }, []);

        var (_, service, checks) = CatalogProtoMapper.FromProto(message);

        Assert.Equal("node-1", service.Node);
        Assert.Empty(checks);
    }

    [Fact]
    public void FromProto_AbsentBlocks_StayNull()
    {
        var service = SampleService() with { Proxy = null, Connect = null };

        var back = CatalogProtoMapper.FromProto(CatalogProtoMapper.ToProto(service), "node-1");

        Assert.Null(back.Proxy);
        Assert.Null(back.Connect);
    }

    [Fact]
    public void FromProto_BlockThatIsNotAnObject_IsInvalidData()
    {
        var message = CatalogProtoMapper.ToProto(SampleService());
        message.ProxyJson = "[1]";

        Assert.Throws<InvalidDataException>(() => CatalogProtoMapper.FromProto(message, "node-1"));
    }

    [Fact]
    public void ToProto_ProxyConfigKeysInDifferentOrder_EncodeToTheSameBytes()
    {
        var proxy = SampleService().Proxy!;
        var a = SampleService() with
        {
            Proxy = proxy with { Config = new JsonObject { ["b"] = 1, ["a"] = new JsonObject { ["y"] = 1, ["x"] = 2 } } },
        };
        var b = SampleService() with
        {
            Proxy = proxy with { Config = new JsonObject { ["a"] = new JsonObject { ["x"] = 2, ["y"] = 1 }, ["b"] = 1 } },
        };

        Assert.True(a.SameAs(b));
        Assert.Equal(CatalogProtoMapper.ToProto(a).ToByteArray(), CatalogProtoMapper.ToProto(b).ToByteArray());
    }

    [Fact]
    public void FromProto_MissingWeights_AreConsulDefaults()
    {
        var back = CatalogProtoMapper.FromProto(new V1.Service { Id = "a", Service_ = "a" }, "n");

        Assert.Equal(new ServiceWeights(1, 1), back.Weights);
        Assert.Same(Maps.EmptyMap, back.Meta);
    }

    [Fact]
    public void ToProto_MapsInDifferentInsertionOrder_EncodeToTheSameBytes()
    {
        var a = SampleNode() with { Meta = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["c"] = "3" } };
        var b = SampleNode() with { Meta = new Dictionary<string, string> { ["c"] = "3", ["a"] = "1", ["b"] = "2" } };

        Assert.Equal(CatalogProtoMapper.ToProto(a).ToByteArray(), CatalogProtoMapper.ToProto(b).ToByteArray());
    }
}
