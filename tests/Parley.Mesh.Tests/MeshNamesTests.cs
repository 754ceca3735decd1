namespace Parley.Mesh.Tests;

public sealed class MeshNamesTests
{
    [Fact]
    public void PeeringServerName_IsConsulsShape()
    {
        Assert.Equal("server.dc1.peering.abc.consul", MeshNames.PeeringServerName("dc1", MeshNames.TrustDomain("abc")));
    }

    [Fact]
    public void ClusterIdOf_StripsConsulSuffix()
    {
        Assert.Equal("abc", MeshNames.ClusterIdOf("abc.consul"));
    }

    [Fact]
    public void SpiffeIds_MatchConsulShapes()
    {
        Assert.Equal("spiffe://td.consul/ns/default/dc/dc1/svc/web", SpiffeIds.Service("td.consul", "dc1", "web"));
        Assert.Equal("spiffe://td.consul/gateway/mesh/dc/dc1", SpiffeIds.MeshGateway("td.consul", "dc1"));
        Assert.Equal("spiffe://td.consul", SpiffeIds.Signing("td.consul"));
    }
}
