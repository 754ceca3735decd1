using Parley.Client;

namespace Parley.Cli.Commands.Lock;

/// <summary>
/// A mutual-exclusion lock as Consul's <c>api.Lock</c> builds it: the key <c>&lt;prefix&gt;/.lock</c>, acquired with
/// the session and Consul's lock flag value, waited on with blocking reads while another session holds it.
/// </summary>
internal sealed class KvLock(ParleyClient client, string key, string session) : IHeldLock
{
    /// <summary>Consul's <c>LockFlagValue</c>: marks a key as used by a lock, so a semaphore's key is not taken for one.</summary>
    public const ulong FlagValue = 0x2ddccbc058a50c18;

    /// <summary>Consul's <c>DefaultLockRetryTime</c>: the wait after a refused acquire on a free key (a lock-delay).</summary>
    private static readonly TimeSpan RetryTime = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Lost => _lost.Task;

    /// <summary>Waits until the lock is held; then watches it in the background.</summary>
    /// <exception cref="InvalidOperationException">The key is used by something other than a lock.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        ulong index = 0;
        while (true)
        {
            var (pair, meta) = await client.KV.GetAsync(key, new QueryOptions
            {
                Index = index,
                Wait = TimeSpan.FromMinutes(5),
            }, cancellationToken);
            if (pair is not null && pair.Flags != FlagValue)
            {
                throw new InvalidOperationException("Existing key does not match lock use");
            }

            if (pair?.Session is { Length: > 0 } holder && holder != session)
            {
                index = meta.LastIndex;
                continue;
            }

            var acquired = await client.KV.AcquireAsync(
                new KVPair { Key = key, Flags = FlagValue, Session = session },
                cancellationToken: cancellationToken);
            if (acquired)
            {
                _ = WatchAsync(cancellationToken);
                return;
            }

            // Refused although nobody held it: a lock-delay after the last holder was invalidated. Wait it out.
            index = 0;
            await Task.Delay(RetryTime, cancellationToken);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            ulong index = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var (pair, meta) = await client.KV.GetAsync(key, new QueryOptions
                {
                    Index = index,
                    Wait = TimeSpan.FromMinutes(5),
                }, cancellationToken);
                if (pair?.Session != session)
                {
                    _lost.TrySetResult();
                    return;
                }

                index = meta.LastIndex;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            // Consul's monitor retries a few times; an agent that stays unreachable means the lock can no longer be trusted.
            _lost.TrySetResult();
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await client.KV.ReleaseAsync(new KVPair { Key = key, Flags = FlagValue, Session = session }, cancellationToken: cancellationToken);

        // Consul's Lock.Destroy: remove the key when nobody holds it, without racing a new holder (check-and-set).
        if ((await client.KV.GetAsync(key, cancellationToken: cancellationToken)).Value is { Session: null or "" } pair)
        {
            await client.KV.DeleteCasAsync(key, pair.ModifyIndex, cancellationToken: cancellationToken);
        }
    }
}
