using System.Diagnostics.Metrics;
using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Consensus.Internal.Transport;
using Parley.State;

namespace Parley.Consensus;

/// <summary>
/// Parley's replicated log on DotNext Raft: commands are appended to a write-ahead log on disk, replicated to the
/// voting servers over TCP (the server port, 8300), and applied in log order to the <see cref="IReplicatedStateMachine"/>.
/// The same port carries the servers' own RPC: followers forward writes to the leader, new servers ask to join.
/// </summary>
/// <remarks>
/// <para>
/// Layout under <see cref="RaftOptions.DataDir"/>: <c>raft/log</c> (the write-ahead log, term and vote),
/// <c>raft/snapshots</c> (state-machine snapshots, <c>{index}-{term}</c>) and <c>raft/members</c> (the membership).
/// </para>
/// <para>
/// Durability: DotNext's log flushes an entry to disk (write-through writes of the log pages, then a write-through
/// checkpoint) before it counts the entry as committed, so an <see cref="ApplyAsync"/> that returned survives a kill -9;
/// on restart the latest snapshot is restored and the log after it is replayed.
/// </para>
/// <para>
/// Lifecycle: <see cref="StartAsync"/> once, then <see cref="StopAsync"/> (or <see cref="DisposeAsync"/>).
/// Start and stop must not run concurrently; every other member is thread-safe.
/// </para>
/// </remarks>
public sealed partial class RaftReplicator : IReplicator, IAsyncDisposable
{
    private const string RaftFolder = "raft";

    private readonly RaftOptions _options;
    private readonly IReplicatedStateMachine _machine;
    private readonly IFatalErrorHandler _fatalErrorHandler;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly RaftMetrics _metrics;

    // Cancelled by StopAsync: ends the formation loop and background work.
    private CancellationTokenSource _stopping = new();
    private RpcClient _rpc = new(null);
    private LeaderForwarder _forwarder;

    // Set by StartAsync (the cluster possibly later, by the formation loop), cleared by StopAsync; readers take a copy.
    private volatile RaftCluster? _cluster;
    private volatile bool _started;
    private WriteAheadLog? _log;
    private ReplicatedStateMachineAdapter? _adapter;
    private EndPointConfigurationStorage? _membership;
    private ServerPort? _serverPort;
    private SocketConnectionContextFactory? _connectionContexts;
    private Task _formation = Task.CompletedTask;

    // Set once this server has left the cluster (LeaveAsync): its membership file is deleted on stop.
    private volatile bool _left;
    private EndPoint? _advertise;

    // This server's advertised address, host:port: its identity in the cluster.
    private string _self = "";

    // The first fatal error; once set, nothing is applied or accepted any more.
    private volatile Exception? _fatalError;

    /// <summary>Creates a replicator; nothing is opened or bound until <see cref="StartAsync"/>.</summary>
    public RaftReplicator(
        IOptions<RaftOptions> options,
        IReplicatedStateMachine stateMachine,
        IFatalErrorHandler fatalErrorHandler,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(fatalErrorHandler);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var validation = new RaftOptionsValidator().Validate(null, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(RaftOptions), typeof(RaftOptions), validation.Failures);
        }

        _options = options.Value;
        _machine = stateMachine;
        _fatalErrorHandler = fatalErrorHandler;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<RaftReplicator>();
        _timeProvider = timeProvider;
        _metrics = new RaftMetrics(meterFactory);
        _lastContact = timeProvider.GetTimestamp();
        _forwarder = new LeaderForwarder(_rpc, _self, _options.WriteTimeout, _logger);
    }

    /// <summary>The folder holding the log, snapshots and membership (<c>{DataDir}/raft</c>).</summary>
    public string RaftDirectory => Path.Combine(Path.GetFullPath(_options.DataDir), RaftFolder);

    /// <summary>The folder holding the snapshot files.</summary>
    internal string SnapshotDirectory => Path.Combine(RaftDirectory, "snapshots");

    /// <summary>The first fatal error, if one happened; the server must stop.</summary>
    public Exception? FatalError => _fatalError;

    /// <summary>
    /// Opens the log, restores the latest snapshot, replays the committed log after it, binds the server port and starts
    /// the Raft server there. With <see cref="RaftOptions.Bootstrap"/> a new cluster elects this server within one
    /// election timeout; a server that already has a membership rejoins it. Otherwise the server finds its peers in the
    /// background (<see cref="RaftOptions.RetryJoin"/>, <see cref="RaftOptions.BootstrapExpect"/>): until it is part
    /// of a cluster, <see cref="Status"/> knows no leader and writes wait, then fail with <see cref="NoLeaderException"/>.
    /// Use <see cref="WaitForLeaderAsync"/> to wait for a leader.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started, or the log could not be replayed (fatal).</exception>
    /// <exception cref="IOException">The server port cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The Raft replicator is already started.");
        }

        _stopping = new CancellationTokenSource();
        _rpc = new RpcClient(_options.Tls);
        var bind = ServerAddress.Resolve(_options.ServerEndpoint);
        var advertise = _options.AdvertiseEndpoint is { } advertised ? ServerAddress.Resolve(advertised) : bind;
        _self = ServerAddress.Format(advertise);
        _advertise = advertise;
        _forwarder = new LeaderForwarder(_rpc, _self, _options.WriteTimeout, _logger);
        var requestTimeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
        var logDirectory = Path.Combine(RaftDirectory, "log");
        Directory.CreateDirectory(logDirectory);

        _logger.Starting(ServerAddress.Format(bind), _self, RaftDirectory);
        _logger.EffectiveOptions(_options.ColdStart, _options.LowerElectionTimeout, _options.UpperElectionTimeout,
            requestTimeout, _options.HeartbeatThreshold, _options.SnapshotThreshold, _options.LogChunkSize);

        // The snapshot must be restored before the log is opened: the log reads the snapshot index to know where
        // replay starts.
        var adapter = new ReplicatedStateMachineAdapter(
            new DirectoryInfo(SnapshotDirectory), _machine, _options.SnapshotThreshold, OnFatalError, OnApplied,
            _loggerFactory.CreateLogger<ReplicatedStateMachineAdapter>());
        WriteAheadLog? log = null;
        EndPointConfigurationStorage? membership = null;
        ServerPort? serverPort = null;
        try
        {
            await adapter.RestoreAsync(cancellationToken).ConfigureAwait(false);

            log = new WriteAheadLog(
                new WriteAheadLog.Options
                {
                    Location = logDirectory,
                    ChunkSize = _options.LogChunkSize,
                    // Private pages are written to their files with O_SYNC before an entry counts as committed, the
                    // metadata and the data page in parallel; memory-mapped pages were msync'ed one after the other
                    // (one serial durable write less per commit: +50 % single-writer puts, -25 % CPU per put).
                    // The files are the same either way, so a log written with mapped pages opens unchanged.
                    MemoryManagement = WriteAheadLog.MemoryManagementStrategy.PrivateMemory,
                },
                adapter);
            await log.InitializeAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfFatal();

            var membersFile = Path.Combine(RaftDirectory, "members");
            var hasMembership = HasMembership(membersFile);
            membership = new EndPointConfigurationStorage(membersFile);
            serverPort = new ServerPort(bind, new ServerRpcHandler(HandleRpcAsync, _logger).ServeAsync, _options.Tls, _loggerFactory);
            await serverPort.StartAsync(cancellationToken).ConfigureAwait(false);

            _adapter = adapter;
            _log = log;
            _membership = membership;
            _serverPort = serverPort;
            _started = true;
            _logger.Started(adapter.LastSnapshotIndex, _machine.LastAppliedIndex);

            if (_options.ColdStart || hasMembership || _options.BootstrapExpect <= 1)
            {
                // A bootstrapping server, a member restarting, or a server that only joins: the Raft server starts now
                // (frozen until a leader adds it, for the latter).
                await StartClusterAsync(coldStart: _options.ColdStart && !hasMembership, cancellationToken).ConfigureAwait(false);
            }

            // A new server finds its cluster; so does one that left (or was removed) and comes back with its old data.
            if (!_options.ColdStart && !IsVoter(_cluster))
            {
                _formation = Task.Run(() => FormAsync(_stopping.Token), CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            _started = false;
            _adapter = null;
            _log = null;
            _membership = null;
            _serverPort = null;
            var cluster = _cluster;
            _cluster = null;
            await CloseAsync(cluster, serverPort, log, adapter, membership).ConfigureAwait(false);
            if (_fatalError is { } fatal && !ReferenceEquals(fatal, e))
            {
                throw new InvalidOperationException("The Raft log could not be replayed: " + fatal.Message, fatal);
            }

            throw;
        }
    }

    // Creates and starts the Raft server on the log and the server port. Called once per start: right away, or by the
    // formation loop once it has decided whether this server bootstraps the cluster.
    private async Task StartClusterAsync(bool coldStart, CancellationToken cancellationToken)
    {
        var requestTimeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _loggerFactory.CreateLogger<RaftReplicator>());
        var cluster = new RaftCluster(new RaftCluster.CustomTransportConfiguration(_advertise!, _serverPort!, new RaftConnectionFactory(contexts, _options.Tls))
        {
            ConfigurationStorage = _membership,
            ColdStart = coldStart,
            LowerElectionTimeout = ToMilliseconds(_options.LowerElectionTimeout),
            UpperElectionTimeout = ToMilliseconds(_options.UpperElectionTimeout),
            HeartbeatThreshold = _options.HeartbeatThreshold,
            RequestTimeout = requestTimeout,
            ConnectTimeout = requestTimeout,
            LoggerFactory = new RaftLibraryLoggerFactory(_loggerFactory),
        })
        {
            AuditTrail = _log!,
        };
        cluster.LeaderChanged += OnLeaderChanged;
        cluster.ReplicationCompleted += OnReplicationCompleted;
        try
        {
            await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            cluster.LeaderChanged -= OnLeaderChanged;
            cluster.ReplicationCompleted -= OnReplicationCompleted;
            await cluster.DisposeAsync().ConfigureAwait(false);
            contexts.Dispose();
            throw;
        }

        _connectionContexts = contexts;
        _cluster = cluster;
    }

    // DotNext creates the membership file on first save; an empty or missing file means this server was never a member.
    private static bool HasMembership(string membersFile)
        => File.Exists(membersFile) && new FileInfo(membersFile).Length > 0;

    /// <summary>
    /// Stops the Raft server, the server port and the log. Writes still waiting fail with <see cref="NoLeaderException"/>.
    /// Safe to call when not started.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _formation.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The formation loop ends with the server.
        }

        var cluster = _cluster;
        _cluster = null;
        try
        {
            if (cluster is not null)
            {
                cluster.LeaderChanged -= OnLeaderChanged;
                cluster.ReplicationCompleted -= OnReplicationCompleted;
                await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (_log is { } log && _fatalError is null)
            {
                try
                {
                    // Leaves the checkpoint at the last entry so the next start replays without waiting for an election.
                    await log.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.FlushOnStopFailed(e);
                }
            }

            await CloseAsync(cluster, _serverPort, _log, _adapter, _membership).ConfigureAwait(false);
            await _rpc.DisposeAsync().ConfigureAwait(false);
            if (_left)
            {
                File.Delete(Path.Combine(RaftDirectory, "members"));
                _left = false;
            }

            _connectionContexts?.Dispose();
            _connectionContexts = null;
            _serverPort = null;
            _log = null;
            _adapter = null;
            _membership = null;
            _logger.Stopped();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private static async Task CloseAsync(
        RaftCluster? cluster, ServerPort? serverPort, WriteAheadLog? log, ReplicatedStateMachineAdapter? adapter,
        EndPointConfigurationStorage? membership)
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (serverPort is not null)
        {
            await serverPort.DisposeAsync().ConfigureAwait(false);
        }

        if (log is not null)
        {
            await log.DisposeAsync().ConfigureAwait(false);
        }

        if (adapter is not null)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
        }

        membership?.Dispose();
    }

    private void OnFatalError(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _fatalError, exception, null) is not null)
        {
            return;
        }

        _logger.FatalError(exception);
        _fatalErrorHandler.OnFatalError(exception);
    }

    private void ThrowIfFatal()
    {
        if (_fatalError is { } fatal)
        {
            throw new InvalidOperationException("The replicated log stopped after a fatal error: " + fatal.Message, fatal);
        }
    }

    private static int ToMilliseconds(TimeSpan value) => checked((int)Math.Ceiling(value.TotalMilliseconds));

    private static string Format(EndPoint endPoint) => ServerAddress.Format(endPoint);
}
