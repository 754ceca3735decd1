using Parley.Core.Catalog;

namespace Parley.Core.Tests.Catalog;

public sealed class CatalogAddressesTests
{
    private static readonly Node BareNode = new() { Name = "n", Address = "10.0.0.1" };
    private static readonly Node WanNode = BareNode with { TaggedAddresses = new Dictionary<string, string> { ["wan"] = "198.51.100.1" } };

    private static ServiceInstance Gateway(string address = "", IReadOnlyDictionary<string, ServiceAddress>? tagged = null) =>
        new()
        {
            Node = "n",
            ID = "gw",
            Service = "mesh-gateway",
            Kind = ServiceKinds.MeshGateway,
            Address = address,
            Port = 8443,
            TaggedAddresses = tagged ?? ServiceAddress.EmptyMap,
        };

    [Fact]
    public void Best_Wan_PrefersTheServiceWanAddressWithItsOwnPort()
    {
        var tagged = new Dictionary<string, ServiceAddress> { ["wan"] = new("203.0.113.7", 443), ["lan"] = new("10.0.0.5", 8443) };

        Assert.Equal(("203.0.113.7", 443), CatalogAddresses.Best(WanNode, Gateway("10.0.0.5", tagged), wan: true));
    }

    [Fact]
    public void Best_WanTagWithoutPort_KeepsTheServicePort()
    {
        var tagged = new Dictionary<string, ServiceAddress> { ["wan"] = new("203.0.113.7", 0) };

        Assert.Equal(("203.0.113.7", 8443), CatalogAddresses.Best(BareNode, Gateway("10.0.0.5", tagged), wan: true));
    }

    [Theory]
    [InlineData(true, "10.0.0.5")]
    [InlineData(false, "10.0.0.5")]
    public void Best_NoServiceWan_UsesTheServiceAddress(bool wan, string expected) =>
        Assert.Equal((expected, 8443), CatalogAddresses.Best(WanNode, Gateway("10.0.0.5"), wan));

    [Theory]
    [InlineData(true, "198.51.100.1")]
    [InlineData(false, "10.0.0.1")]
    public void Best_NoServiceAddress_FallsBackToTheNodeWanThenTheNodeAddress(bool wan, string expected) =>
        Assert.Equal((expected, 8443), CatalogAddresses.Best(WanNode, Gateway(), wan));

    [Fact]
    public void Best_Lan_IgnoresTheWanTags()
    {
        var tagged = new Dictionary<string, ServiceAddress> { ["wan"] = new("203.0.113.7", 443) };

        Assert.Equal(("10.0.0.1", 8443), CatalogAddresses.Best(WanNode, Gateway("", tagged), wan: false));
    }

    [Theory]
    [InlineData("10.0.0.1", 8443, "10.0.0.1:8443")]
    [InlineData("::1", 8443, "[::1]:8443")]
    [InlineData("gw.example.com", 443, "gw.example.com:443")]
    public void Format_BracketsIpv6(string address, int port, string expected)
        => Assert.Equal(expected, CatalogAddresses.Format(address, port));
}
