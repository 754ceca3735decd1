using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class MeshSniTests
{
    private const string Td = "7c3f0000-1111-2222-3333-444455556666.consul";

    [Fact]
    public void PeeredService_IsConsulsFormat_WithDefaultsForEmptyParts()
    {
        Assert.Equal($"api.default.default.cluster-02.external.{Td}", MeshSni.PeeredService("api", "", "", "cluster-02", Td));
        Assert.Equal($"api.ns1.ap1.cluster-02.external.{Td}", MeshSni.PeeredService("api", "ns1", "ap1", "cluster-02", Td));
    }

    [Fact]
    public void PeeringServer_IsConsulsFormat()
    {
        Assert.Equal($"server.dc1.peering.{Td}", MeshSni.PeeringServer("dc1", Td));
    }

    [Fact]
    public void TryParsePeeredService_ReadsWhatPeeredServiceWrites_IgnoringCase()
    {
        var sni = MeshSni.PeeredService("backend", "default", "default", "cluster-02", Td).ToUpperInvariant();

        Assert.True(MeshSni.TryParsePeeredService(sni, Td, out var parsed));
        Assert.Equal(new PeeredServiceSni("BACKEND", "DEFAULT", "DEFAULT", "CLUSTER-02"), parsed);
    }

    [Theory]
    [InlineData("backend.default.dc1.internal." + Td)]
    [InlineData("backend.default.default.cluster-02.external.other.consul")]
    [InlineData("default.default.cluster-02.external." + Td)]
    [InlineData("a.b.backend.default.default.cluster-02.external." + Td)]
    [InlineData("backend..default.cluster-02.external." + Td)]
    [InlineData("server.dc1.peering." + Td)]
    [InlineData("")]
    [InlineData(null)]
    public void TryParsePeeredService_RefusesOtherNames(string? sni)
    {
        Assert.False(MeshSni.TryParsePeeredService(sni, Td, out _));
    }
}
