using Microsoft.Extensions.Hosting;

namespace Parley.Consensus;

/// <summary>The default <see cref="IFatalErrorHandler"/>: sets exit code 1 and stops the host.</summary>
public sealed class StopHostFatalErrorHandler(IHostApplicationLifetime lifetime) : IFatalErrorHandler
{
    /// <inheritdoc/>
    public void OnFatalError(Exception exception)
    {
        // The error itself is logged by the replicator; the host's shutdown runs on another thread.
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
