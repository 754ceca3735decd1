using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class ConnectValidatorTests
{
    private static ServiceInstance Proxy(params Upstream[] upstreams) => new()
    {
        Node = "n1",
        ID = "web-sidecar-proxy",
        Service = "web-sidecar-proxy",
        Kind = ServiceKinds.ConnectProxy,
        Port = 21000,
        Proxy = new ConnectProxyConfig { DestinationServiceName = "web", Upstreams = upstreams },
    };

    [Fact]
    public void Validate_ProxyWithoutDestinationOrPort_ConsulsTexts()
    {
        var service = Proxy() with { Port = 0, Proxy = new ConnectProxyConfig() };

        Assert.Equal(
            ["Port or SocketPath must be set for a connect-proxy",
                "Proxy.DestinationServiceName must be non-empty for Connect proxy services"],
            ConnectValidator.Validate(service, forAgent: false));
        // The agent assigns a missing sidecar port; only the destination is missing there.
        Assert.Equal(
            ["Proxy.DestinationServiceName must be non-empty for Connect proxy services"],
            ConnectValidator.Validate(service, forAgent: true));
    }

    [Theory]
    [InlineData("db", "", "", 0, "upstream local bind port or local socket path must be defined and nonzero")]
    [InlineData("db", "p1", "dc2", 9191, "upstream cannot specify both destination peer and datacenter")]
    [InlineData("*", "", "", 9191, "upstream destination name cannot be a wildcard")]
    [InlineData("", "", "", 9191, "upstream destination name cannot be empty")]
    public void Validate_BadUpstream_ConsulsText(string name, string peer, string dc, int port, string expected)
    {
        var service = Proxy(new Upstream { DestinationName = name, DestinationPeer = peer, Datacenter = dc, LocalBindPort = port });

        Assert.Equal([expected], ConnectValidator.Validate(service, forAgent: true));
    }

    [Fact]
    public void Validate_DuplicateUpstreams_ByIdentityAndByBindAddress()
    {
        var sameTarget = Proxy(
            new Upstream { DestinationName = "db", LocalBindPort = 9191 },
            new Upstream { DestinationName = "db", DestinationType = "service", LocalBindPort = 9192 });
        var sameAddress = Proxy(
            new Upstream { DestinationName = "db", LocalBindPort = 9191 },
            new Upstream { DestinationName = "db", DestinationPeer = "p1", LocalBindAddress = "127.0.0.1", LocalBindPort = 9191 });
        var distinct = Proxy(
            new Upstream { DestinationName = "db", LocalBindPort = 9191 },
            new Upstream { DestinationName = "db", DestinationPeer = "p1", LocalBindPort = 9192 });

        Assert.Equal(
            ["upstreams cannot contain duplicates of [type=\"service\", name=\"db\", partition=\"\", namespace=\"\", peer=\"\"," +
                " datacenter=\"\"]"],
            ConnectValidator.Validate(sameTarget, forAgent: true));
        Assert.Equal(
            ["upstreams cannot contain duplicates by local bind address and port or unix path; \"127.0.0.1:9191\" is specified twice"],
            ConnectValidator.Validate(sameAddress, forAgent: true));
        Assert.Empty(ConnectValidator.Validate(distinct, forAgent: true));
    }

    [Fact]
    public void Validate_GatewayWithProxyFieldsOrSidecar_ConsulsTexts()
    {
        var gateway = new ServiceInstance
        {
            Node = "n1",
            ID = "gw",
            Service = "mesh-gateway",
            Kind = ServiceKinds.MeshGateway,
            Proxy = new ConnectProxyConfig
            {
                DestinationServiceName = "x",
                Upstreams = [new Upstream { DestinationName = "db", LocalBindPort = 1 }],
            },
        };

        Assert.Equal(
            [
                "Port must be non-zero for a mesh-gateway",
                "A mesh-gateway cannot have a sidecar service defined",
                "The Proxy.DestinationServiceName configuration is invalid for a mesh-gateway",
                "The Proxy.Upstreams configuration is invalid for a mesh-gateway",
            ],
            ConnectValidator.Validate(gateway, forAgent: true, hasSidecarService: true));
    }

    [Fact]
    public void ValidateSidecarDefinition_IdAndNestedSidecar_ConsulsTexts()
    {
        Assert.Equal(
            ["A SidecarService cannot specify an ID as this is managed by the agent",
                "A SidecarService cannot have a nested SidecarService"],
            ConnectValidator.ValidateSidecarDefinition(hasId: true, hasNestedSidecar: true));
        Assert.Equal("1 error occurred:\n\t* x\n\n", ConnectValidator.Format(["x"]));
    }

    [Fact]
    public void Normalize_EmptyDestinationType_BecomesService()
    {
        var normalized = ConnectValidator.Normalize(Proxy(
            new Upstream { DestinationName = "db", LocalBindPort = 1 },
            new Upstream { DestinationName = "q", DestinationType = Upstream.TypePreparedQuery, LocalBindPort = 2 }));

        Assert.Equal(["service", "prepared_query"], normalized.Proxy!.Upstreams.Select(u => u.DestinationType));
    }
}
