using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Peering.Backend;
using Parley.Peering.Tests.Support;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Tests.Backend;

public sealed class PeeringAddressesTests
{
    private readonly InMemoryReplicator _replicator = new(new StateStore());

    private StateSnapshot Snapshot => _replicator.Store.Current;

    private void PeerThroughMeshGateways(bool on) =>
        _replicator.Apply(new SetConfigEntry("mesh", "mesh", new JsonObject
        {
            ["Kind"] = "mesh",
            ["Name"] = "mesh",
            ["Peering"] = new JsonObject { ["PeerThroughMeshGateways"] = on },
        }));

    private void RegisterServer() =>
        _replicator.Apply(Catalog.Register("server-1", new ServiceInstance
        {
            Node = "server-1",
            ID = "consul",
            Service = "consul",
            Port = 8300,
            Meta = new Dictionary<string, string> { ["grpc_tls_port"] = "8503" },
        }));

    [Fact]
    public void Advertised_Default_IsTheServersGrpcTlsAddresses()
    {
        RegisterServer();
        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443));

        var (addresses, error) = PeeringAddresses.Advertised(Snapshot);

        Assert.Equal(["10.0.0.1:8503"], addresses);
        Assert.Null(error);
    }

    [Fact]
    public void Advertised_PeerThroughMeshGateways_IsTheGatewaysWanAddresses()
    {
        RegisterServer();
        PeerThroughMeshGateways(true);
        _replicator.Apply(Catalog.Gateway("gw-b", "10.0.0.12", 8443));
        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443));

        var (addresses, error) = PeeringAddresses.Advertised(Snapshot);

        // Catalog order (by node), each gateway's best WAN address: its wan tagged address with that port.
        Assert.Equal(["203.0.113.11:9443", "203.0.113.12:9443"], addresses);
        Assert.Null(error);
    }

    [Fact]
    public void Advertised_PeerThroughMeshGatewaysWithoutGateways_IsConsulsError()
    {
        RegisterServer();
        PeerThroughMeshGateways(true);

        var (addresses, error) = PeeringAddresses.Advertised(Snapshot);

        Assert.Empty(addresses);
        Assert.Equal("servers are configured to PeerThroughMeshGateways, but no mesh gateway instances are registered", error);
    }

    [Fact]
    public void Dial_PeerThroughMeshGateways_TriesTheLocalGatewaysLanAddressesFirst()
    {
        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443));
        Assert.Equal(["192.0.2.1:8503"], PeeringAddresses.Dial(Snapshot, ["192.0.2.1:8503"]));

        PeerThroughMeshGateways(true);

        Assert.Equal(["10.0.0.11:8443", "192.0.2.1:8503"], PeeringAddresses.Dial(Snapshot, ["192.0.2.1:8503"]));
    }

    [Fact]
    public void AdvertisedIndex_MovesWithTheGatewaysHealth()
    {
        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        var before = PeeringAddresses.AdvertisedIndex(Snapshot);

        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Critical));

        Assert.NotEqual(before, PeeringAddresses.AdvertisedIndex(Snapshot));
    }
}
