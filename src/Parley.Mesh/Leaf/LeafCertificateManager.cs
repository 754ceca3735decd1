using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.Mesh.Ca;
using Parley.State.Store;

namespace Parley.Mesh.Leaf;

/// <summary>
/// The agent's leaf certificates, one per service name and one for the mesh gateway, as Consul's agent-side leaf cache:
/// issued on first request, renewed in the background at a random point between 60% and 90% of their lifetime,
/// re-issued within <see cref="LeafCertificateOptions.RootChangeJitter"/> when the active root changes (at once for a
/// non-blocking request), and served to blocking requests (<see cref="GetAsync"/>) that wake when a new one is made.
/// </summary>
/// <remarks>
/// Every Parley agent is a server, and every server can sign: the root key is in the replicated state, so issuing is a
/// local operation (a client agent would have to ask a server, as Consul's does over RPC). Thread-safe: requests may
/// run on any thread; one background loop renews. Each new leaf gets an index above every index this manager handed
/// out before and at least the state's index, so blocking callers always see it move.
/// </remarks>
public sealed partial class LeafCertificateManager(
    ConnectCa ca, StateStore store, LeafCertificateOptions options, TimeProvider timeProvider, ILogger<LeafCertificateManager> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<LeafKey, Entry> _entries = new();
    private long _lastIndex;

    // Completed and replaced when an entry's renewal time may have moved, so the background loop recomputes its wait.
    private volatile TaskCompletionSource _kick = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The leaf for <paramref name="key"/>. With <paramref name="minIndex"/> 0 it answers at once, first re-issuing a leaf
    /// that expired or was signed by a root no longer active (Consul's revalidation); otherwise it waits until the leaf's
    /// index passes <paramref name="minIndex"/> or the wait ends, and answers the leaf it then has.
    /// </summary>
    /// <param name="key">A service or the mesh gateway.</param>
    /// <param name="minIndex">The caller's <c>?index</c>.</param>
    /// <param name="wait">The caller's <c>?wait</c>; null for <see cref="LeafCertificateOptions.DefaultWait"/>, at most 10 minutes.</param>
    /// <param name="cancellationToken">Ends the wait (the caller went away, or the agent stops).</param>
    /// <exception cref="ParleyException"><see cref="ErrorCode.Unavailable"/> while the CA has no root.</exception>
    public async Task<LeafCertificate> GetAsync(LeafKey key, long minIndex, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static k => new Entry(k));
        entry.Touch(timeProvider.GetUtcNow());
        var changed = entry.Changed;
        var current = entry.Current;
        if (current is null || (minIndex <= 0 && IsStale(current, store.Current)))
        {
            current = Issue(entry, current);
            changed = entry.Changed;
        }

        if (minIndex <= 0 || current.ModifyIndex > minIndex)
        {
            return current;
        }

        var budget = wait is { } w && w > TimeSpan.Zero ? (w > BlockingQuery.MaxWait ? BlockingQuery.MaxWait : w) : options.DefaultWait;
        using var timeout = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        while (true)
        {
            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return entry.Current ?? current;
            }

            changed = entry.Changed;
            current = entry.Current ?? current;
            if (current.ModifyIndex > minIndex)
            {
                return current;
            }
        }
    }

    // Expired, or signed by a root that is no longer the active one.
    private bool IsStale(LeafCertificate leaf, StateSnapshot snapshot) =>
        timeProvider.GetUtcNow() >= leaf.ValidBefore ||
        (ca.State(snapshot)?.ActiveRoot is { } active && active.ID != leaf.RootId);

    /// <summary>Issues a new leaf for <paramref name="entry"/> unless someone replaced <paramref name="seen"/> meanwhile.</summary>
    private LeafCertificate Issue(Entry entry, LeafCertificate? seen)
    {
        lock (entry.Lock)
        {
            if (entry.Current is { } replaced && !ReferenceEquals(replaced, seen))
            {
                return replaced;
            }

            var snapshot = store.Current;
            var authority = ca.Authority(snapshot)
                ?? throw new ParleyException(ErrorCode.Unavailable, "CA has not finished initializing");
            var state = ca.State(snapshot)!;
            var ttl = CaProviderConfig.Parse(state.Config?.Config).LeafCertTtl;
            var leaf = Sign(entry.Key, authority, state.ActiveRoot!, ttl, NextIndex(snapshot.Index));
            entry.Publish(leaf, RenewAt(leaf));
            logger.LeafIssued(entry.Key.ToString(), leaf.SerialNumber, leaf.RootId, leaf.ValidBefore);
        }

        Kick();
        return entry.Current!;
    }

    private LeafCertificate Sign(LeafKey key, CertificateAuthority authority, CaRoot root, TimeSpan ttl, long index)
    {
        var datacenter = ca.Datacenter;
        var gateway = key.Kind == LeafKey.MeshGatewayKind;
        var issued = gateway
            ? authority.IssueMeshGatewayCertificate(datacenter, ttl)
            : authority.IssueLeafCertificate(datacenter, key.Service, ttl);
        return new LeafCertificate
        {
            SerialNumber = issued.SerialNumber,
            CertPem = issued.CertificatePem + string.Concat(root.IntermediateCerts.Select(p => p.EndsWith('\n') ? p : p + "\n")),
            PrivateKeyPem = issued.PrivateKeyPem,
            Service = gateway ? "" : key.Service,
            ServiceUri = gateway ? "" : SpiffeIds.Service(authority.TrustDomain, datacenter, key.Service),
            Kind = gateway ? LeafKey.MeshGatewayKind : "",
            KindUri = gateway ? SpiffeIds.MeshGateway(authority.TrustDomain, datacenter) : "",
            ValidAfter = issued.NotBefore,
            ValidBefore = issued.NotAfter,
            RootId = root.ID,
            CreateIndex = index,
            ModifyIndex = index,
        };
    }

    private long NextIndex(long stateIndex)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastIndex);
            var next = Math.Max(stateIndex, last + 1);
            if (Interlocked.CompareExchange(ref _lastIndex, next, last) == last)
            {
                return next;
            }
        }
    }

    // Consul renews at a random instant between 60% and 90% of the lifetime, so a fleet's renewals spread out.
    private static DateTimeOffset RenewAt(LeafCertificate leaf)
    {
        var lifetime = leaf.ValidBefore - leaf.ValidAfter;
        return leaf.ValidAfter + (lifetime * (0.6 + (0.3 * Random.Shared.NextDouble())));
    }

    private void Kick()
        => Interlocked.Exchange(ref _kick, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>One cached leaf and what waits on it.</summary>
    private sealed class Entry(LeafKey key)
    {
        private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile LeafCertificate? _current;
        private long _lastUsedTicks;

        public LeafKey Key { get; } = key;

        /// <summary>Held while issuing, so one request or renewal issues and the others take its leaf.</summary>
        public Lock Lock { get; } = new();

        /// <summary>The latest leaf; null until the first is issued.</summary>
        public LeafCertificate? Current => _current;

        /// <summary>When the background loop renews <see cref="Current"/>. Read and written under <see cref="Lock"/>.</summary>
        public DateTimeOffset RenewAt { get; set; } = DateTimeOffset.MaxValue;

        /// <summary>When the loop re-issues after a root change; null when none is pending. Under <see cref="Lock"/>.</summary>
        public DateTimeOffset? ReissueAt { get; set; }

        /// <summary>Completes when <see cref="Current"/> is replaced. Take it before reading <see cref="Current"/>.</summary>
        public Task Changed => _changed.Task;

        public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

        public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

        public void Publish(LeafCertificate leaf, DateTimeOffset renewAt)
        {
            _current = leaf;
            RenewAt = renewAt;
            ReissueAt = null;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
