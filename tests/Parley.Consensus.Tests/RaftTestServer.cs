using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.State;
using Parley.Testing;

namespace Parley.Consensus.Tests;

/// <summary>One single-server cluster on loopback with its data in a temporary folder; restartable on the same folder.</summary>
internal sealed class RaftTestServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private RaftTestServer(string dataDir, int port, long snapshotThreshold)
    {
        DataDir = dataDir;
        Port = port;
        SnapshotThreshold = snapshotThreshold;
    }

    public string DataDir { get; }

    public int Port { get; }

    public long SnapshotThreshold { get; }

    public string Address => $"127.0.0.1:{Port}";

    public ListStateMachine Machine { get; private set; } = new();

    // A state machine the test supplies instead of Machine (kept across restarts).
    private IReplicatedStateMachine? _customMachine;

    /// <summary>Runs <paramref name="machine"/> instead of <see cref="Machine"/>; call before starting.</summary>
    public void UseMachine(IReplicatedStateMachine machine)
    {
        _customMachine = machine;
        Replicator = NewReplicator();
    }

    public RecordingFatalErrorHandler FatalErrors { get; private set; } = new();

    public RaftReplicator Replicator { get; private set; } = null!;

    /// <summary>The leader queries replicators created from now on answer (fill it, then <see cref="Rebuild"/>).</summary>
    public List<ILeaderQuery> LeaderQueries { get; } = [];

    /// <summary>Changes the options of replicators created from now on (the next start or restart).</summary>
    public Action<RaftOptions>? Configure { get; set; }

    /// <summary>A server that bootstraps itself as a single-server cluster, unless <see cref="Configure"/> says otherwise.</summary>
    public static RaftTestServer Create(long snapshotThreshold = 16384, Action<RaftOptions>? configure = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "parley-consensus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var server = new RaftTestServer(dataDir, FreePorts.Next(), snapshotThreshold) { Configure = configure };
        server.Replicator = server.NewReplicator();
        return server;
    }

    /// <summary>Replaces the (not yet started) replicator with one built from the current <see cref="Configure"/>.</summary>
    public void Rebuild()
    {
        Machine = new ListStateMachine();
        FatalErrors = new RecordingFatalErrorHandler();
        Replicator = NewReplicator();
    }

    public async Task StartAsync(bool waitForLeader = true)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await Replicator.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        if (waitForLeader)
        {
            await Replicator.WaitForLeaderAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
    }

    /// <summary>Stops the server and starts a fresh state machine and replicator on the same data folder and port.</summary>
    public async Task RestartAsync(bool waitForLeader = true)
    {
        await Replicator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout);
        Machine = new ListStateMachine();
        FatalErrors = new RecordingFatalErrorHandler();
        Replicator = NewReplicator();
        await StartAsync(waitForLeader);
    }

    public async ValueTask DisposeAsync()
    {
        Machine.ReleaseSlow();
        await Replicator.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private RaftReplicator NewReplicator()
    {
        var options = new RaftOptions
        {
            DataDir = DataDir,
            ServerEndpoint = Address,
            Bootstrap = true,
            SnapshotThreshold = SnapshotThreshold,
            LogChunkSize = 64 * 1024,
            RetryJoinInterval = TimeSpan.FromMilliseconds(200),
        };
        Configure?.Invoke(options);
        return new RaftReplicator(
            Options.Create(options), _customMachine ?? Machine, FatalErrors, NullLoggerFactory.Instance, TimeProvider.System,
                LeaderQueries);
    }
}
