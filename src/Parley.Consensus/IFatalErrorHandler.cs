namespace Parley.Consensus;

/// <summary>
/// Receives errors after which this server must not go on: a log entry that cannot be applied, or a snapshot or
/// log write that failed. Applying past such an entry would let this server diverge from the others.
/// </summary>
/// <remarks>
/// Called at most once per <see cref="RaftReplicator"/>, on the thread that hit the error (the apply loop), so an
/// implementation must return quickly and not wait for the replicator to stop.
/// </remarks>
public interface IFatalErrorHandler
{
    /// <summary>Reacts to a fatal error, normally by stopping the process with a non-zero exit code.</summary>
    void OnFatalError(Exception exception);
}
