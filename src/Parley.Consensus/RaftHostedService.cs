using Microsoft.Extensions.Hosting;

namespace Parley.Consensus;

/// <summary>Starts the <see cref="RaftReplicator"/> with the host and stops it on shutdown.</summary>
/// <remarks>Register it before the HTTP listeners so the log is open (and replayed) before the first request.</remarks>
public sealed class RaftHostedService(RaftReplicator replicator) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => replicator.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => replicator.StopAsync(cancellationToken);
}
