using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Mesh.Ca;
using Parley.Peering.Grpc;
using Parley.Peering.Stream;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.State.Store;

namespace Parley.Peering.Tests.Support;

/// <summary>Parley's acceptor gRPC service over a given replicator and store, wired as the agent wires it.</summary>
internal static class TestAcceptor
{
    public static PeerStreamGrpcService Service(IReplicator replicator, StateStore store, PeeringOptions peeringOptions)
    {
        var options = Options.Create(peeringOptions);
        var host = new PeerStreamHost(
            replicator, store, new ConnectCa(store, TimeProvider.System, "dc1"), new PeeringStreamTracker(TimeProvider.System),
            options, TimeProvider.System, NullLoggerFactory.Instance);
        return new PeerStreamGrpcService(replicator, options, store, host, TimeProvider.System, NullLogger<PeerStreamGrpcService>.Instance);
    }
}
