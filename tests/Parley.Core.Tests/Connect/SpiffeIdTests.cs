using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class SpiffeIdTests
{
    private const string Td = "11111111-2222-3333-4444-555555555555.consul";

    [Fact]
    public void Parse_Service_ReadsEveryPart()
    {
        var id = SpiffeId.Parse($"spiffe://{Td}/ns/default/dc/dc1/svc/web");

        Assert.Equal(SpiffeIdKind.Service, id.Kind);
        Assert.Equal(Td, id.TrustDomain);
        Assert.Equal("default", id.Partition);
        Assert.Equal("default", id.Namespace);
        Assert.Equal("dc1", id.Datacenter);
        Assert.Equal("web", id.Name);
    }

    [Fact]
    public void Parse_ServiceInPartition_ReadsThePartition()
    {
        var id = SpiffeId.Parse($"spiffe://{Td}/ap/team/ns/ns1/dc/dc2/svc/api");

        Assert.Equal(("team", "ns1", "dc2", "api"), (id.Partition, id.Namespace, id.Datacenter, id.Name));
    }

    [Theory]
    [InlineData("/gateway/mesh/dc/dc1", SpiffeIdKind.MeshGateway, "dc1", "")]
    [InlineData("/ap/default/gateway/mesh/dc/dc9", SpiffeIdKind.MeshGateway, "dc9", "")]
    [InlineData("/agent/client/dc/dc1/id/node-a", SpiffeIdKind.Agent, "dc1", "node-a")]
    [InlineData("/agent/server/dc/dc3", SpiffeIdKind.Server, "dc3", "")]
    [InlineData("", SpiffeIdKind.Signing, "", "")]
    public void Parse_OtherKinds_AreRecognized(string path, SpiffeIdKind kind, string dc, string name)
    {
        var id = SpiffeId.Parse($"spiffe://{Td}{path}");

        Assert.Equal((kind, dc, name), (id.Kind, id.Datacenter, id.Name));
    }

    [Theory]
    [InlineData("https://example.com/ns/default/dc/dc1/svc/web")]
    [InlineData("spiffe:///ns/default/dc/dc1/svc/web")]
    [InlineData("spiffe://td/ns/default/dc/dc1/svc/web/extra")]
    [InlineData("spiffe://td/ns/default/dc/dc1/svc/")]
    [InlineData("spiffe://td/ns/default/svc/web")]
    [InlineData("spiffe://td/ap/x/agent/server/dc/dc1")]
    [InlineData("spiffe://td/ns/default/dc/dc1/svc/web?x=1")]
    [InlineData("not a uri")]
    public void TryParse_NotAConsulId_IsRefused(string uri)
    {
        Assert.False(SpiffeId.TryParse(uri, out _));
        var error = Assert.Throws<FormatException>(() => SpiffeId.Parse(uri));
        Assert.Equal($"SPIFFE ID is not in the expected format: {uri}", error.Message);
    }

    [Fact]
    public void Parse_EscapedSegments_AreDecoded()
    {
        Assert.Equal("we b", SpiffeId.Parse($"spiffe://{Td}/ns/default/dc/dc1/svc/we%20b").Name);
    }

    [Fact]
    public void ForService_RoundTripsThroughParse()
    {
        var uri = SpiffeId.ForService(Td, "dc1", "web");

        Assert.Equal($"spiffe://{Td}/ns/default/dc/dc1/svc/web", uri);
        Assert.Equal("web", SpiffeId.Parse(uri).Name);
        Assert.Equal($"spiffe://{Td}/ap/p1/ns/default/dc/dc1/svc/web", SpiffeId.ForService(Td, "dc1", "web", partition: "p1"));
        Assert.Equal($"spiffe://{Td}/gateway/mesh/dc/dc1", SpiffeId.ForMeshGateway(Td, "dc1"));
    }

    [Fact]
    public void SameTrustDomain_IgnoresCase()
    {
        Assert.True(SpiffeId.SameTrustDomain("ABC.consul", "abc.CONSUL"));
        Assert.False(SpiffeId.SameTrustDomain("abc.consul", "abd.consul"));
    }
}
