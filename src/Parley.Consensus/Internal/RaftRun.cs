using System.Collections.Concurrent;
using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Parley.Consensus.Internal.Rpc;
using Parley.Consensus.Internal.Transport;

namespace Parley.Consensus.Internal;

/// <summary>
/// What one <see cref="RaftReplicator.StartAsync"/> opens and the matching stop closes: the write-ahead log and its
/// state-machine adapter, the membership file, the server port with its RPC handler, the RPC client and (possibly later)
/// the Raft server. Built whole once the log is open, and disposed whole when the start fails or the server stops, so
/// nothing of a failed or stopped start lingers and nothing in a run is ever missing.
/// </summary>
/// <remarks>
/// The Raft server is the one part that may come later: a server that forms a cluster (bootstrap-expect, retry-join)
/// starts it from the formation loop once it knows whether it bootstraps. Until then <see cref="Cluster"/> is
/// <see langword="null"/> and <see cref="WaitForClusterAsync"/> waits. Thread-safe, except that
/// <see cref="StartClusterAsync"/> runs once (from the start, or from the formation loop) and <see cref="StopAsync"/> once.
/// </remarks>
internal sealed class RaftRun : IAsyncDisposable
{
    private readonly RaftOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ClusterEvents _events;
    private readonly CancellationTokenSource _stopping = new();
    private readonly EndPoint _advertise;
    private readonly WriteAheadLog _log;
    private readonly EndPointConfigurationStorage _membership;
    private readonly string _membersFile;
    private readonly ServerPort _serverPort;

    // Completed once the Raft server runs; never faulted (a start that fails disposes the whole run).
    private readonly TaskCompletionSource<RaftNode> _node = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _formation = Task.CompletedTask;

    // Set once this server has left the cluster (LeaveAsync): its membership file is deleted on stop.
    private volatile bool _left;

    /// <summary>Takes over <paramref name="log"/> and <paramref name="adapter"/> (opened) and creates the rest, unbound.</summary>
    public RaftRun(
        RaftOptions options,
        EndPoint bind,
        EndPoint advertise,
        string raftDirectory,
        ReplicatedStateMachineAdapter adapter,
        WriteAheadLog log,
        Func<RaftRun, ServerRpcHandler> createHandler,
        ClusterEvents events,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        ILogger logger)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = logger;
        _events = events;
        _advertise = advertise;
        Self = ServerAddress.Format(advertise);
        Adapter = adapter;
        _log = log;
        Rpc = new RpcClient(options.Tls, timeProvider);
        Forwarder = new LeaderForwarder(Rpc, Self, options.WriteTimeout, logger);
        _membersFile = Path.Combine(raftDirectory, "members");

        // DotNext creates the membership file on first save; an empty or missing file means this server was never a member.
        HadMembership = File.Exists(_membersFile) && new FileInfo(_membersFile).Length > 0;
        _membership = new EndPointConfigurationStorage(_membersFile);
        Handler = createHandler(this);
        _serverPort = new ServerPort(bind, Handler.ServeAsync, options.Tls, timeProvider, loggerFactory);
    }

    /// <summary>This server's advertised address, host:port: its identity in the cluster.</summary>
    public string Self { get; }

    /// <summary>Cancelled when the run stops: ends the formation loop and every wait for a leader.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Applies committed entries to the state machine; knows the applied index.</summary>
    public ReplicatedStateMachineAdapter Adapter { get; }

    /// <summary>Whether the membership file named servers when the run began (a member restarting).</summary>
    public bool HadMembership { get; }

    /// <summary>Answers the other servers' RPCs; also carries out this server's own requests when it leads.</summary>
    public ServerRpcHandler Handler { get; }

    /// <summary>This server's pooled connections to the others' server ports.</summary>
    public RpcClient Rpc { get; }

    /// <summary>Sends this server's writes to the leader while it follows.</summary>
    public LeaderForwarder Forwarder { get; }

    /// <summary>Servers heard of through RetryJoin and Hello exchanges (server addresses, host:port), this one excluded.</summary>
    public ConcurrentDictionary<string, byte> Known { get; } = new(StringComparer.Ordinal);

    /// <summary>Membership changes are made one at a time (DotNext refuses concurrent ones).</summary>
    public SemaphoreSlim MembershipLock { get; } = new(1, 1);

    /// <summary>The Raft server, or <see langword="null"/> while the formation loop has not started it yet.</summary>
    public RaftCluster? Cluster => _node.Task.IsCompletedSuccessfully ? _node.Task.Result.Cluster : null;

    /// <summary>Whether this server is a voter of a formed cluster (not waiting to be added).</summary>
    public bool IsVoter => IsVoterOf(Cluster);

    /// <summary>The leader this server knows, host:port, if any.</summary>
    public string? LeaderAddress => Cluster?.Leader is { } leader ? ServerAddress.Format(leader.EndPoint) : null;

    /// <summary>Marks this server as gone from the cluster: its membership file is deleted on stop.</summary>
    public void MarkLeft() => _left = true;

    /// <summary>Waits until the Raft server runs.</summary>
    public async Task<RaftCluster> WaitForClusterAsync(CancellationToken cancellationToken)
        => (await _node.Task.WaitAsync(cancellationToken).ConfigureAwait(false)).Cluster;

    /// <summary>Binds the server port, so a server still waiting for its peers already answers their RPCs.</summary>
    public Task BindAsync(CancellationToken cancellationToken) => _serverPort.StartAsync(cancellationToken);

    /// <summary>Runs <paramref name="form"/> in the background until it returns or the run stops.</summary>
    public void StartFormation(Func<RaftRun, CancellationToken, Task> form)
        => _formation = Task.Run(() => form(this, Stopping), CancellationToken.None);

    /// <summary>
    /// Creates and starts the Raft server on the log and the server port. Called once per run: right away, or by the
    /// formation loop once it has decided whether this server bootstraps the cluster.
    /// </summary>
    public async Task StartClusterAsync(bool coldStart, CancellationToken cancellationToken)
    {
        var requestTimeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _logger);
        var dial = new RaftConnectionFactory(contexts, _options.Tls);
        var transport = new RaftCluster.CustomTransportConfiguration(_advertise, _serverPort, dial)
        {
            ConfigurationStorage = _membership,
            ColdStart = coldStart,
            LowerElectionTimeout = ToMilliseconds(_options.LowerElectionTimeout),
            UpperElectionTimeout = ToMilliseconds(_options.UpperElectionTimeout),
            HeartbeatThreshold = _options.HeartbeatThreshold,
            RequestTimeout = requestTimeout,
            ConnectTimeout = requestTimeout,
            LoggerFactory = new RaftLibraryLoggerFactory(_loggerFactory),
        };
        var node = new RaftNode(new RaftCluster(transport) { AuditTrail = _log }, contexts, _events);
        try
        {
            await node.Cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _node.SetResult(node);
    }

    /// <summary>
    /// Ends the formation loop, stops the Raft server, flushes the log when <paramref name="flush"/> (so the next start
    /// replays without waiting for an election), then closes everything; a server that left forgets its membership.
    /// </summary>
    public async Task StopAsync(bool flush, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _formation.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The formation loop ends with the server.
        }

        try
        {
            if (Node is { } node)
            {
                node.Detach();
                await node.Cluster.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (flush)
            {
                try
                {
                    // Leaves the checkpoint at the last entry so the next start replays without waiting for an election.
                    await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.FlushOnStopFailed(e);
                }
            }

            await DisposeAsync().ConfigureAwait(false);
            if (_left)
            {
                File.Delete(_membersFile);
            }
        }
    }

    /// <summary>Closes everything the run holds, in the reverse order of opening; what a failed start calls.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Node is { } node)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        await _serverPort.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
        await Adapter.DisposeAsync().ConfigureAwait(false);
        _membership.Dispose();
        await Rpc.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Remembers <paramref name="server"/> for discovery, unless it is this server or not an address.</summary>
    public void Learn(string? server)
    {
        if (!string.IsNullOrEmpty(server) && server != Self && ServerAddress.TryParse(server, out _))
        {
            Known.TryAdd(server, 0);
        }
    }

    /// <summary>Whether <paramref name="cluster"/> is running with this server as a voter of a formed cluster.</summary>
    public static bool IsVoterOf(RaftCluster? cluster) => cluster is not null && cluster.Readiness.IsCompletedSuccessfully
        && cluster.Members.Any(m => !m.IsRemote);

    /// <summary>The voter at <paramref name="endPoint"/>, compared as an address or as its host:port text.</summary>
    public static RaftClusterMember? FindMember(RaftCluster cluster, EndPoint endPoint)
        => cluster.Members.FirstOrDefault(m => Equals(m.EndPoint, endPoint)
            || string.Equals(ServerAddress.Format(m.EndPoint), ServerAddress.Format(endPoint), StringComparison.Ordinal));

    private RaftNode? Node => _node.Task.IsCompletedSuccessfully ? _node.Task.Result : null;

    private static int ToMilliseconds(TimeSpan value) => checked((int)Math.Ceiling(value.TotalMilliseconds));
}
