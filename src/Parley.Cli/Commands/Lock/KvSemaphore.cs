using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Client;

namespace Parley.Cli.Commands.Lock;

/// <summary>
/// A semaphore of <c>limit</c> holders as Consul's <c>api.Semaphore</c> builds it: each contender holds its own key
/// <c>&lt;prefix&gt;/&lt;session&gt;</c>, and <c>&lt;prefix&gt;/.lock</c> holds <c>{"Limit":N,"Holders":{...}}</c>, changed
/// only by check-and-set. Holders whose contender key is no longer locked (their session died) are pruned.
/// </summary>
internal sealed class KvSemaphore(ParleyClient client, string prefix, int limit, string session) : IHeldLock
{
    /// <summary>Consul's <c>SemaphoreFlagValue</c>.</summary>
    public const ulong FlagValue = 0xe0f69a2baa414de0;

    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string LockKey => prefix + "/.lock";

    private string ContenderKey => prefix + "/" + session;

    public Task Lost => _lost.Task;

    /// <exception cref="InvalidOperationException">The prefix is used by another limit or by something else.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var contender = new KVPair { Key = ContenderKey, Flags = FlagValue, Session = session };
        if (!await client.KV.AcquireAsync(contender, cancellationToken: cancellationToken))
        {
            throw new InvalidOperationException("failed to make contender entry");
        }

        ulong index = 0;
        while (true)
        {
            var (pairs, meta) = await client.KV.ListAsync(prefix + "/", new QueryOptions
            {
                Index = index,
                Wait = TimeSpan.FromMinutes(5),
            }, cancellationToken);
            var lockPair = pairs.FirstOrDefault(p => p.Key == LockKey);
            var state = Decode(lockPair);
            if (state.Limit != limit)
            {
                throw new InvalidOperationException($"semaphore limit conflict (lock: {state.Limit}, local: {limit})");
            }

            var alive = pairs.Where(p => p.Key != LockKey && !string.IsNullOrEmpty(p.Session)).Select(p => p.Session!)
                .ToHashSet(StringComparer.Ordinal);
            var holders = state.Holders.Keys.Where(alive.Contains).ToDictionary(h => h, _ => true, StringComparer.Ordinal);
            if (holders.Count >= limit)
            {
                index = meta.LastIndex;
                continue;
            }

            holders[session] = true;
            var written = await client.KV.CasAsync(
                new KVPair
                {
                    Key = LockKey,
                    Flags = FlagValue,
                    ModifyIndex = lockPair?.ModifyIndex ?? 0,
                    Value = Encode(new State(limit, holders)),
                },
                cancellationToken: cancellationToken);
            if (written)
            {
                _ = WatchAsync(cancellationToken);
                return;
            }

            index = 0;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            ulong index = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var (pair, meta) = await client.KV.GetAsync(LockKey, new QueryOptions
                {
                    Index = index,
                    Wait = TimeSpan.FromMinutes(5),
                }, cancellationToken);
                var (mine, _) = await client.KV.GetAsync(ContenderKey, cancellationToken: cancellationToken);
                if (!Decode(pair).Holders.ContainsKey(session) || mine?.Session != session)
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
            _lost.TrySetResult();
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (pair, _) = await client.KV.GetAsync(LockKey, cancellationToken: cancellationToken);
            if (pair is null)
            {
                break;
            }

            var state = Decode(pair);
            if (!state.Holders.Remove(session))
            {
                break;
            }

            var updated = pair with { Value = Encode(state), Session = null };
            if (await client.KV.CasAsync(updated, cancellationToken: cancellationToken))
            {
                break;
            }
        }

        await client.KV.DeleteAsync(ContenderKey, cancellationToken: cancellationToken);
    }

    private State Decode(KVPair? pair)
    {
        if (pair?.Value is not { Length: > 0 } value)
        {
            return new State(limit, new Dictionary<string, bool>(StringComparer.Ordinal));
        }

        if (pair.Flags != FlagValue)
        {
            throw new InvalidOperationException("lock key does not match semaphore use");
        }

        var state = JsonSerializer.Deserialize<State>(value) ?? throw new InvalidOperationException("semaphore lock is empty");
        return state with { Holders = new Dictionary<string, bool>(state.Holders ?? [], StringComparer.Ordinal) };
    }

    private static byte[] Encode(State state) => JsonSerializer.SerializeToUtf8Bytes(state);

    /// <summary>The <c>.lock</c> value, in Consul's <c>semaphoreLock</c> shape.</summary>
    private sealed record State(int Limit, Dictionary<string, bool> Holders)
    {
        [JsonPropertyName("Limit")]
        public int Limit { get; init; } = Limit;

        [JsonPropertyName("Holders")]
        public Dictionary<string, bool> Holders { get; init; } = Holders;
    }
}
