using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.State.Commands;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

public sealed class StateMachineSnapshotTests
{
    [Fact]
    public async Task RestoreSnapshotAsync_EveryTable_ComesBackIdentical()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var original = new Fsm();
        original.ApplyAt(3, Register(
            Node("Node-1") with { Meta = new Dictionary<string, string> { ["rack"] = "r1" } },
            Service("Node-1", "web-1", "web", "v1") with
            {
                Weights = new ServiceWeights(5, 2),
                TaggedAddresses = new Dictionary<string, ServiceAddress> { ["wan"] = new("198.51.100.1", 8443) },
                Proxy = new ConnectProxyConfig
                {
                    DestinationServiceName = "web",
                    Config = new JsonObject { ["protocol"] = "http" },
                    Upstreams = [new Upstream { DestinationName = "db", DestinationPeer = "p1", LocalBindPort = 9191 }],
                    MeshGateway = new MeshGatewayConfig { Mode = "local" },
                },
                Connect =
                    new ServiceConnect
                    {
                        PeerMeta =
                    new PeeringServiceMeta { SNI = ["web.default.default.p1.external.td"], Protocol = "http" }
                    },
            },
            NodeCheck("Node-1", "serfHealth"),
            ServiceCheck("Node-1", "web-http", "web-1", HealthStatus.Warning)));
        original.ApplyAt(4, Register(Node("n1", peer: "peer1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "c", "web-1")));
        original.ApplyAt(
            5,
            new SetConfigEntry("service-defaults", "web", new JsonObject { ["Protocol"] = "http", ["Nested"] = new JsonArray(1, 2) }));
        original.ApplyAt(6, Register(Node("n2"), Service("n2", "api-1", "api")));
        original.ApplyAt(7, new DeregisterCatalog("n2", null, null));
        original.ApplyAt(9, new UpdateCheckStatus("node-1", "serfHealth", HealthStatus.Critical, "gone"));

        var restored = await RoundTripAsync(original, cancellationToken);

        Assert.Equal(9, restored.Machine.LastAppliedIndex);
        Assert.Equal(StateDump.Of(original.State), StateDump.Of(restored.State));
        // A table whose rows are all gone still reports when it last changed.
        Assert.Equal(7, restored.State.ServiceIndex("api"));
        Assert.Equal(["web-http"], restored.State.CheckServiceNodes("web").Single().Checks.Skip(1).Select(c => c.CheckID));
        var web = restored.State.GetService("Node-1", "web-1")!;
        Assert.True(web.SameAs(original.State.GetService("Node-1", "web-1")!));
        Assert.Equal(
            ("db", "p1", 9191),
            (web.Proxy!.Upstreams[0].DestinationName, web.Proxy.Upstreams[0].DestinationPeer, web.Proxy.Upstreams[0].LocalBindPort));
        Assert.Equal(new ServiceAddress("198.51.100.1", 8443), web.TaggedAddresses["wan"]);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_ThenReplayOfOlderEntries_SkipsThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var original = new Fsm();
        original.ApplyAt(4, Register(Node("n1")));
        var restored = await RoundTripAsync(original, cancellationToken);

        var replay = restored.ApplyAt(4, new DeregisterCatalog("n1", null, null));

        Assert.Null(replay.Value);
        Assert.NotNull(restored.State.GetNode("n1"));
    }

    [Fact]
    public async Task RestoreSnapshotAsync_ReplacesExistingState()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var source = new Fsm();
        source.ApplyAt(2, Register(Node("n1")));
        var target = new Fsm();
        target.ApplyAt(8, Register(Node("old"), Service("old", "s", "web")));
        using var stream = new MemoryStream();
        await source.Machine.WriteSnapshotAsync(stream, cancellationToken);
        stream.Position = 0;

        await target.Machine.RestoreSnapshotAsync(stream, cancellationToken);

        Assert.Equal(StateDump.Of(source.State), StateDump.Of(target.State));
        Assert.Empty(target.State.ServiceInstances("web"));
    }

    [Fact]
    public async Task RestoreSnapshotAsync_UnknownVersion_ThrowsAndKeepsState()
    {
        var fsm = new Fsm();
        fsm.ApplyAt(3, Register(Node("n1")));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"Version":99,"Index":50}"""));

        await Assert.ThrowsAsync<CorruptCommandException>(
            () => fsm.Machine.RestoreSnapshotAsync(stream, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(3, fsm.Machine.LastAppliedIndex);
    }

    private static async Task<Fsm> RoundTripAsync(Fsm original, CancellationToken cancellationToken)
    {
        var restored = new Fsm();
        using var stream = new MemoryStream();
        await original.Machine.WriteSnapshotAsync(stream, cancellationToken);
        stream.Position = 0;
        await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);
        return restored;
    }
}
