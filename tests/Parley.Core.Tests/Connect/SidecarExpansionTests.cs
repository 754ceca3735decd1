using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class SidecarExpansionTests
{
    private static readonly ServiceInstance Parent = new()
    {
        Node = "n1",
        ID = "web-1",
        Service = "web",
        Address = "10.0.0.5",
        Port = 8080,
        Tags = ["v1"],
        Meta = new Dictionary<string, string> { ["team"] = "a" },
    };

    private static ServiceInstance Bare => new() { Node = "n1", ID = "", Service = "" };

    [Fact]
    public void ApplyDefaults_EmptySidecar_TakesConsulsDefaultsFromTheParent()
    {
        var sidecar = SidecarExpansion.ApplyDefaults(Parent, Bare);

        // ID from the parent's ID, name from the parent's name.
        Assert.Equal(("web-1-sidecar-proxy", "web-sidecar-proxy", "connect-proxy"), (sidecar.ID, sidecar.Service, sidecar.Kind));
        Assert.Equal(("10.0.0.5", "v1", "a"), (sidecar.Address, sidecar.Tags.Single(), sidecar.Meta["team"]));
        var proxy = sidecar.Proxy!;
        Assert.Equal(
            ("web", "web-1", "127.0.0.1", 8080),
            (proxy.DestinationServiceName, proxy.DestinationServiceID, proxy.LocalServiceAddress, proxy.LocalServicePort));
    }

    [Fact]
    public void ApplyDefaults_SidecarOwnTagsAndLocalService_AreKept()
    {
        var given = Bare with
        {
            Tags = ["proxy"],
            Proxy = new ConnectProxyConfig { LocalServiceAddress = "10.0.0.9", LocalServicePort = 9000 },
        };

        var sidecar = SidecarExpansion.ApplyDefaults(Parent, given);

        Assert.Equal(["proxy"], sidecar.Tags);
        Assert.Equal(("10.0.0.9", 9000), (sidecar.Proxy!.LocalServiceAddress, sidecar.Proxy.LocalServicePort));
    }

    [Fact]
    public void ApplyDefaults_ParentOnASocket_ProxyReachesTheSocket()
    {
        var sidecar = SidecarExpansion.ApplyDefaults(Parent with { Port = 0, SocketPath = "/run/web.sock" }, Bare);

        Assert.Equal(("/run/web.sock", ""), (sidecar.Proxy!.LocalServiceSocketPath, sidecar.Proxy.LocalServiceAddress));
    }

    [Fact]
    public void AllocatePort_LowestFreeInRange_AndTheSameSidecarKeepsItsPort()
    {
        ServiceInstance[] local =
        [
            Parent,
            Parent with { ID = "a-sidecar-proxy", Port = 21000 },
            Parent with { ID = "b-sidecar-proxy", Port = 21001 },
        ];

        Assert.Equal(21002, SidecarExpansion.AllocatePort(local, "c-sidecar-proxy", 21000, 21255));
        Assert.Equal(21001, SidecarExpansion.AllocatePort(local, "b-sidecar-proxy", 21000, 21255));
    }

    [Fact]
    public void AllocatePort_RangeFullOrDisabled_ConsulsTexts()
    {
        ServiceInstance[] local = [Parent with { ID = "a", Port = 21000 }, Parent with { ID = "b", Port = 21001 }];

        var full = Assert.Throws<ParleyException>(() => SidecarExpansion.AllocatePort(local, "c", 21000, 21001));
        var disabled = Assert.Throws<ParleyException>(() => SidecarExpansion.AllocatePort(local, "c", 0, 0));

        Assert.Equal("no port provided for sidecar_service and none left in the configured range [21000, 21001]", full.Message);
        Assert.Equal("no port provided for sidecar_service and auto-assignment disabled in config", disabled.Message);
    }

    [Fact]
    public void DefaultChecks_TcpOnTheSidecarPortAndAnAliasOfTheParent()
    {
        var sidecar = SidecarExpansion.ApplyDefaults(Parent, Bare) with { Port = 21000 };

        var checks = SidecarExpansion.DefaultChecks(Parent, sidecar);

        Assert.Equal(["service:web-1-sidecar-proxy:1", "service:web-1-sidecar-proxy:2"], checks.Select(c => c.CheckID));
        Assert.Equal(["Connect Sidecar Listening", "Connect Sidecar Aliasing web-1"], checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.Equal(HealthStatus.Critical, c.Status));
        var tcp = CheckDefinition.FromJson(checks[0].DefinitionJson)!;
        Assert.Equal(("10.0.0.5:21000", TimeSpan.FromSeconds(10), "tcp"), (tcp.TCP, tcp.Interval, checks[0].Type));
        Assert.Equal(("web-1", "alias"), (CheckDefinition.FromJson(checks[1].DefinitionJson)!.AliasService, checks[1].Type));
    }
}
