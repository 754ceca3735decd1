using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Consensus.Internal;
using Parley.State;

namespace Parley.Consensus;

/// <summary>
/// Parley's replicated log on DotNext Raft: commands are appended to a write-ahead log on disk, replicated to the
/// voting servers over TCP (the server port, 8300), and applied in log order to the <see cref="IReplicatedStateMachine"/>.
/// </summary>
/// <remarks>
/// <para>
/// Layout under <see cref="RaftOptions.DataDir"/>: <c>raft/log</c> (the write-ahead log, term and vote),
/// <c>raft/snapshots</c> (state-machine snapshots, <c>{index}-{term}</c>) and <c>raft/members</c> (the membership).
/// </para>
/// <para>
/// Durability: DotNext's log flushes an entry to disk (msync of the log pages plus a write-through checkpoint) before
/// it counts the entry as committed, so an <see cref="ApplyAsync"/> that returned survives a kill -9; on restart the
/// latest snapshot is restored and the log after it is replayed.
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

    // Set by StartAsync, cleared by StopAsync; readers take a local copy.
    private volatile RaftCluster? _cluster;
    private WriteAheadLog? _log;
    private ReplicatedStateMachineAdapter? _adapter;
    private EndPointConfigurationStorage? _membership;

    // The first fatal error; once set, nothing is applied or accepted any more.
    private volatile Exception? _fatalError;

    /// <summary>Creates a replicator; nothing is opened or bound until <see cref="StartAsync"/>.</summary>
    public RaftReplicator(
        IOptions<RaftOptions> options,
        IReplicatedStateMachine stateMachine,
        IFatalErrorHandler fatalErrorHandler,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider)
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
        _lastContact = timeProvider.GetTimestamp();
    }

    /// <summary>The folder holding the log, snapshots and membership (<c>{DataDir}/raft</c>).</summary>
    public string RaftDirectory => Path.Combine(Path.GetFullPath(_options.DataDir), RaftFolder);

    /// <summary>The folder holding the snapshot files.</summary>
    internal string SnapshotDirectory => Path.Combine(RaftDirectory, "snapshots");

    /// <summary>The first fatal error, if one happened; the server must stop.</summary>
    public Exception? FatalError => _fatalError;

    /// <summary>
    /// Opens the log, restores the latest snapshot, replays the committed log after it, and starts the Raft server on
    /// <see cref="RaftOptions.ServerEndpoint"/>. With <see cref="RaftOptions.Bootstrap"/> a new cluster elects this
    /// server within one election timeout; use <see cref="WaitForLeaderAsync"/> to wait for that.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started, or the log could not be replayed (fatal).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null)
        {
            throw new InvalidOperationException("The Raft replicator is already started.");
        }

        var bind = ServerAddress.Resolve(_options.ServerEndpoint);
        var advertise = _options.AdvertiseEndpoint is { } advertised ? ServerAddress.Resolve(advertised) : bind;
        var requestTimeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
        var logDirectory = Path.Combine(RaftDirectory, "log");
        Directory.CreateDirectory(logDirectory);

        _logger.Starting(ServerAddress.Format(bind), ServerAddress.Format(advertise), RaftDirectory);
        _logger.EffectiveOptions(_options.ColdStart, _options.LowerElectionTimeout, _options.UpperElectionTimeout,
            requestTimeout, _options.HeartbeatThreshold, _options.SnapshotThreshold, _options.LogChunkSize);
        if (!_options.ColdStart)
        {
            _logger.JoinNotImplemented(_options.BootstrapExpect);
        }

        // The snapshot must be restored before the log is opened: the log reads the snapshot index to know where
        // replay starts.
        var adapter = new ReplicatedStateMachineAdapter(
            new DirectoryInfo(SnapshotDirectory), _machine, _options.SnapshotThreshold, OnFatalError,
            _loggerFactory.CreateLogger<ReplicatedStateMachineAdapter>());
        WriteAheadLog? log = null;
        EndPointConfigurationStorage? membership = null;
        RaftCluster? cluster = null;
        try
        {
            await adapter.RestoreAsync(cancellationToken).ConfigureAwait(false);

            log = new WriteAheadLog(
                new WriteAheadLog.Options
                {
                    Location = logDirectory,
                    ChunkSize = _options.LogChunkSize,
                    // Memory-mapped pages are msync'ed before an entry counts as committed.
                    MemoryManagement = WriteAheadLog.MemoryManagementStrategy.SharedMemory,
                },
                adapter);
            await log.InitializeAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfFatal();

            membership = new EndPointConfigurationStorage(Path.Combine(RaftDirectory, "members"));
            cluster = new RaftCluster(new RaftCluster.TcpConfiguration(bind)
            {
                PublicEndPoint = advertise,
                ConfigurationStorage = membership,
                ColdStart = _options.ColdStart,
                LowerElectionTimeout = ToMilliseconds(_options.LowerElectionTimeout),
                UpperElectionTimeout = ToMilliseconds(_options.UpperElectionTimeout),
                HeartbeatThreshold = _options.HeartbeatThreshold,
                RequestTimeout = requestTimeout,
                LoggerFactory = _loggerFactory,
            })
            {
                AuditTrail = log,
            };
            cluster.LeaderChanged += OnLeaderChanged;
            await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await CloseAsync(cluster, log, adapter, membership).ConfigureAwait(false);
            if (_fatalError is { } fatal && !ReferenceEquals(fatal, e))
            {
                throw new InvalidOperationException("The Raft log could not be replayed: " + fatal.Message, fatal);
            }

            throw;
        }

        _adapter = adapter;
        _log = log;
        _membership = membership;
        _cluster = cluster;
        _logger.Started(adapter.LastSnapshotIndex, _machine.LastAppliedIndex);
    }

    /// <summary>
    /// Stops the Raft server and closes the log. Writes still waiting fail with <see cref="NoLeaderException"/>.
    /// Safe to call when not started.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var cluster = _cluster;
        if (cluster is null)
        {
            return;
        }

        _cluster = null;
        cluster.LeaderChanged -= OnLeaderChanged;
        try
        {
            await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
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

            await CloseAsync(cluster, _log, _adapter, _membership).ConfigureAwait(false);
            _log = null;
            _adapter = null;
            _membership = null;
            _logger.Stopped();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private static async Task CloseAsync(
        RaftCluster? cluster, WriteAheadLog? log, ReplicatedStateMachineAdapter? adapter, EndPointConfigurationStorage? membership)
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
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
