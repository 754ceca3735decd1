using Parley.Api.Operator;
using Parley.Consensus;

namespace Parley.Agent.Hosting;

/// <summary>The HTTP API's view of the consensus layer (<see cref="IRaftOperator"/>), served by the <see cref="RaftReplicator"/>.</summary>
internal sealed class RaftOperator(RaftReplicator replicator) : IRaftOperator
{
    public RaftPeers GetConfiguration()
    {
        var configuration = replicator.GetConfiguration();
        return new RaftPeers([.. configuration.Servers.Select(s => new RaftPeer(s.Address, s.Leader, s.Voter))], configuration.Index);
    }

    public Task RemovePeerAsync(string address, CancellationToken cancellationToken)
        => replicator.RemovePeerAsync(address, cancellationToken);

    public Task TransferLeadershipAsync(CancellationToken cancellationToken) => replicator.TransferLeadershipAsync(cancellationToken);

    public Task LeaveAsync(CancellationToken cancellationToken) => replicator.LeaveAsync(cancellationToken);

    public Task<long> SaveSnapshotAsync(Stream destination, bool stale, CancellationToken cancellationToken)
        => replicator.SaveSnapshotAsync(destination, stale, cancellationToken);

    public Task<long> RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken)
        => replicator.RestoreSnapshotAsync(source, cancellationToken);
}
