namespace Parley.Mesh.Tests;

public sealed class SpiffeIdTests
{
    [Theory]
    [InlineData("spiffe://td.consul/ns/default/dc/dc1/svc/web", SpiffeIdKind.Service, "default", "default", "dc1", "web")]
    [InlineData("spiffe://td.consul/ap/p1/ns/ns1/dc/dc2/svc/api", SpiffeIdKind.Service, "p1", "ns1", "dc2", "api")]
    [InlineData("spiffe://td.consul/ns/default/dc/dc1/svc/my%20svc", SpiffeIdKind.Service, "default", "default", "dc1", "my svc")]
    [InlineData("spiffe://td.consul/gateway/mesh/dc/dc1", SpiffeIdKind.MeshGateway, "default", "", "dc1", "")]
    [InlineData("spiffe://td.consul/agent/client/dc/dc1/id/node-a", SpiffeIdKind.Agent, "default", "", "dc1", "node-a")]
    [InlineData("spiffe://td.consul/agent/server/dc/dc1", SpiffeIdKind.Server, "default", "", "dc1", "")]
    [InlineData("spiffe://td.consul", SpiffeIdKind.Signing, "default", "", "", "")]
    public void TryParse_ConsulFormats_AreRead(string text, SpiffeIdKind kind, string partition, string ns, string dc, string name)
    {
        Assert.True(SpiffeId.TryParse(text, out var id));

        Assert.Equal(new SpiffeId(kind, "td.consul", partition, ns, dc, name), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://td.consul/ns/default/dc/dc1/svc/web")]
    [InlineData("spiffe://td.consul/ns/default/svc/web")]
    [InlineData("spiffe://td.consul/ns/default/dc/dc1/svc/web/extra")]
    [InlineData("spiffe:///ns/default/dc/dc1/svc/web")]
    [InlineData("spiffe://nodot")]
    public void TryParse_OtherText_IsRefused(string text) => Assert.False(SpiffeId.TryParse(text, out _));
}
