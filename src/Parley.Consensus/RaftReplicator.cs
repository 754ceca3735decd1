using System.Diagnostics.Metrics;
using System.Net;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
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

    // What the current start opened (the log, the server port, the Raft server, ...); null when not started. Set by
    // StartAsync once everything is open, cleared by StopAsync; readers take a copy.
    private volatile RaftRun? _run;

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
        if (_run is not null)
        {
            throw new InvalidOperationException("The Raft replicator is already started.");
        }

        var bind = ServerAddress.Resolve(_options.ServerEndpoint);
        var advertise = _options.AdvertiseEndpoint is { } advertised ? ServerAddress.Resolve(advertised) : bind;
        var requestTimeout = _options.RequestTimeout ?? _options.LowerElectionTimeout;
        _logger.Starting(ServerAddress.Format(bind), ServerAddress.Format(advertise), RaftDirectory);
        _logger.EffectiveOptions(_options.ColdStart, _options.LowerElectionTimeout, _options.UpperElectionTimeout,
            requestTimeout, _options.HeartbeatThreshold, _options.SnapshotThreshold, _options.LogChunkSize);

        var (adapter, log) = await OpenLogAsync(cancellationToken).ConfigureAwait(false);
        var run = new RaftRun(
            _options, bind, advertise, RaftDirectory, adapter, log,
            r => new ServerRpcHandler(r, AppendHereAsync, _queries, _options.WriteTimeout, _timeProvider, _metrics, _logger),
            new ClusterEvents(OnLeaderChanged, OnReplicationCompleted), _timeProvider, _loggerFactory, _logger);
        try
        {
            await run.BindAsync(cancellationToken).ConfigureAwait(false);
            _logger.Started(adapter.LastSnapshotIndex, _machine.LastAppliedIndex);
            if (_options.ColdStart || run.HadMembership || _options.BootstrapExpect <= 1)
            {
                // A bootstrapping server, a member restarting, or a server that only joins: the Raft server starts now
                // (frozen until a leader adds it, for the latter).
                await run.StartClusterAsync(coldStart: _options.ColdStart && !run.HadMembership, cancellationToken).ConfigureAwait(false);
            }

            // A new server finds its cluster; so does one that left (or was removed) and comes back with its old data.
            if (!_options.ColdStart && !run.IsVoter)
            {
                run.StartFormation(FormAsync);
            }
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _run = run;
    }

    // Restores the latest snapshot, then opens the log and replays the committed entries after it. Both are closed again
    // when that fails; a replay stopped by a fatal error says so.
    private async Task<(ReplicatedStateMachineAdapter Adapter, WriteAheadLog Log)> OpenLogAsync(CancellationToken cancellationToken)
    {
        var logDirectory = Path.Combine(RaftDirectory, "log");
        Directory.CreateDirectory(logDirectory);

        // The snapshot must be restored before the log is opened: the log reads the snapshot index to know where
        // replay starts.
        var adapter = new ReplicatedStateMachineAdapter(
            new DirectoryInfo(SnapshotDirectory), _machine, _options.SnapshotThreshold, OnFatalError, OnApplied,
            _loggerFactory.CreateLogger<ReplicatedStateMachineAdapter>());
        WriteAheadLog? log = null;
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
            return (adapter, log);
        }
        catch (Exception e)
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }

            await adapter.DisposeAsync().ConfigureAwait(false);
            if (_fatalError is { } fatal && !ReferenceEquals(fatal, e))
            {
                throw new InvalidOperationException("The Raft log could not be replayed: " + fatal.Message, fatal);
            }

            throw;
        }
    }

    /// <summary>
    /// Stops the Raft server, the server port and the log. Writes still waiting fail with <see cref="NoLeaderException"/>.
    /// Safe to call when not started.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _run, null) is not { } run)
        {
            return;
        }

        try
        {
            await run.StopAsync(flush: _fatalError is null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _logger.Stopped();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    // The current run, for a call that needs one: not started (or stopped) means no leader.
    private RaftRun Run => _run ?? throw new NoLeaderException();

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

    private static string Format(EndPoint endPoint) => ServerAddress.Format(endPoint);
}
