using Parley.Core.Catalog;
using Parley.Peering.Backend;
using Parley.Peering.Tests.Support;
using Parley.State.Store;

namespace Parley.Peering.Tests.Backend;

/// <summary>The address a follower names when it refuses a stream: where a dialer should go next.</summary>
public sealed class LeaderHintTests
{
    [Fact]
    public void LeaderHint_LeaderInCatalog_IsItsGrpcTlsAddressAsTokensListIt()
    {
        var store = StoreWithServers(("s1", "10.0.0.1", 8300, 8503), ("s2", "10.0.0.2", 8300, 8503));

        var hint = PeeringBackend.LeaderHint(store.Current, "10.0.0.2:8300");

        Assert.Equal("10.0.0.2:8503", hint);
        Assert.Contains(hint, PeeringAddresses.ServerAddresses(store.Current));
    }

    [Fact]
    public void LeaderHint_ServersShareAHost_PicksTheOneOnTheLeadersServerPort()
    {
        var store = StoreWithServers(("s1", "127.0.0.1", 18300, 18503), ("s2", "127.0.0.1", 28300, 28503));

        Assert.Equal("127.0.0.1:28503", PeeringBackend.LeaderHint(store.Current, "127.0.0.1:28300"));
    }

    [Fact]
    public void LeaderHint_LeaderNotInCatalogYet_IsItsServerAddress()
    {
        var store = StoreWithServers(("s1", "10.0.0.1", 8300, 8503));

        Assert.Equal("10.0.0.9:8300", PeeringBackend.LeaderHint(store.Current, "10.0.0.9:8300"));
    }

    [Fact]
    public void LeaderHint_NoLeaderKnown_IsNull()
    {
        var store = StoreWithServers(("s1", "10.0.0.1", 8300, 8503));

        Assert.Null(PeeringBackend.LeaderHint(store.Current, null));
    }

    private static StateStore StoreWithServers(params (string Node, string Address, int ServerPort, int GrpcTlsPort)[] servers)
    {
        var store = new StateStore();
        var replicator = new InMemoryReplicator(store);
        foreach (var (node, address, serverPort, grpcTlsPort) in servers)
        {
            replicator.Apply(new State.Commands.RegisterCatalog(
                new Node { Name = node, Address = address },
                new ServiceInstance
                {
                    Node = node,
                    ID = "consul",
                    Service = "consul",
                    Port = serverPort,
                    Meta = new Dictionary<string, string>
                    {
                        ["grpc_tls_port"] = grpcTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                []));
        }

        return store;
    }
}
