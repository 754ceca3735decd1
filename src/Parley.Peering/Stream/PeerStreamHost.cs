using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Mesh.Ca;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.State.Store;

namespace Parley.Peering.Stream;

/// <summary>
/// The leader's live peer streams, one per local peering ID, and what every stream needs. The acceptor's gRPC
/// service and the dialer both run their streams through it; the cleanup routine asks it to close a stream.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class PeerStreamHost(
    IReplicator replicator,
    StateStore store,
    ConnectCa ca,
    PeeringStreamTracker tracker,
    IOptions<PeeringOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    IHostApplicationLifetime? lifetime = null)
{
    private readonly ConcurrentDictionary<string, PeerStreamSession> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _terminatedSent = new(StringComparer.Ordinal);

    internal IReplicator Replicator => replicator;

    internal StateStore Store => store;

    internal ConnectCa Ca => ca;

    internal PeeringStreamTracker Tracker => tracker;

    internal PeeringOptions Options => options.Value;

    internal TimeProvider TimeProvider => timeProvider;

    internal ILoggerFactory LoggerFactory => loggerFactory;

    internal ILogger Logger { get; } = loggerFactory.CreateLogger("Parley.Peering.Stream");

    /// <summary>
    /// Cancelled when the host begins to stop: streams end at once instead of holding Kestrel's graceful shutdown
    /// (a stream never finishes by itself) for the whole shutdown timeout.
    /// </summary>
    internal CancellationToken Stopping => lifetime?.ApplicationStopping ?? CancellationToken.None;

    /// <summary>Whether a stream for the peering is live on this server.</summary>
    public bool IsStreaming(string peeringId) => _streams.ContainsKey(peeringId);

    /// <summary>
    /// Asks the live stream of a peering, if any, to send <c>Terminated</c> and close. Returns whether there was one.
    /// </summary>
    public bool Terminate(string peeringId)
    {
        if (_streams.TryGetValue(peeringId, out var session))
        {
            session.RequestTerminate();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Ends every live stream on this server because it is no longer the leader (see
    /// <see cref="PeerStreamSession.EndForLostLeadership"/>). Without this a stream whose own leadership checks fell
    /// outside a short loss of leadership would live on untracked after the tracker was cleared.
    /// </summary>
    public void EndAllForLostLeadership()
    {
        foreach (var session in _streams.Values)
        {
            session.EndForLostLeadership();
        }
    }

    /// <summary>
    /// Whether a stream on this server wrote <c>Terminated</c> to the peer of the peering (so the peer was told), since
    /// <see cref="ForgetTerminatedSent"/>.
    /// </summary>
    public bool SentTerminated(string peeringId) => _terminatedSent.ContainsKey(peeringId);

    /// <summary>The peerings <see cref="SentTerminated"/> is true for.</summary>
    public IReadOnlyCollection<string> TerminatedSent => [.. _terminatedSent.Keys];

    /// <summary>Forgets that <c>Terminated</c> was sent for a peering (its record is gone).</summary>
    public void ForgetTerminatedSent(string peeringId) => _terminatedSent.TryRemove(peeringId, out _);

    internal void RecordTerminatedSent(string peeringId) => _terminatedSent[peeringId] = true;

    /// <summary>
    /// A stream session; <see cref="PeerStreamSession.RunAsync"/> runs it to its end and throws an <see cref="RpcException"/> when it
    /// fails.
    /// </summary>
    /// <param name="peeringId">The local peering's ID.</param>
    /// <param name="peerName">The local peering's name (what imported data is stored under).</param>
    /// <param name="remoteId">The acceptor's ID for the dialer; empty on the acceptor.</param>
    /// <param name="reader">Messages from the peer.</param>
    /// <param name="writer">Messages to the peer.</param>
    /// <param name="completeWrites">The dialer's half-close; null on the acceptor.</param>
    /// <param name="open">The dialer's <c>Open</c>, sent first; null on the acceptor.</param>
    internal PeerStreamSession CreateSession(
        string peeringId,
        string peerName,
        string remoteId,
        IAsyncStreamReader<V1.ReplicationMessage> reader,
        IAsyncStreamWriter<V1.ReplicationMessage> writer,
        Func<Task>? completeWrites,
        V1.ReplicationMessage? open) =>
        new(this, peeringId, peerName, remoteId, reader, writer, completeWrites, open);

    internal bool TryRegister(PeerStreamSession session) => _streams.TryAdd(session.PeeringId, session);

    internal void Unregister(PeerStreamSession session) => _streams.TryRemove(KeyValuePair.Create(session.PeeringId, session));
}
