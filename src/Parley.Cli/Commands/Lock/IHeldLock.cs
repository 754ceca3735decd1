namespace Parley.Cli.Commands.Lock;

/// <summary>A lock or semaphore slot taken by <c>parley lock</c>: watched until it is lost, then released.</summary>
internal interface IHeldLock
{
    /// <summary>Completes when this process no longer holds the lock (its session was invalidated or the key changed hands).</summary>
    Task Lost { get; }

    /// <summary>Gives the lock up and removes what only this holder used.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
