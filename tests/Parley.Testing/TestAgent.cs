using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Agent;
using Parley.Agent.Configuration;

namespace Parley.Testing;

/// <summary>A real in-process agent on loopback with its own ports and data dir, for tests.</summary>
public sealed partial class TestAgent : IAsyncDisposable
{
    private TestAgent(ParleyAgent agent, string dataDir, bool ownsDataDir)
    {
        Agent = agent;
        DataDir = dataDir;
        OwnsDataDir = ownsDataDir;
        Http = new HttpClient { BaseAddress = agent.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ParleyAgent Agent { get; }

    public string DataDir { get; }

    private bool OwnsDataDir { get; }

    /// <summary>An HttpClient whose base address is the agent's HTTP API.</summary>
    public HttpClient Http { get; }

    public Uri Address => Agent.HttpAddress;

    /// <summary>Starts an agent and waits until it has a leader and has registered itself.</summary>
    public static Task<TestAgent> StartAsync(
        Func<AgentConfig, AgentConfig>? configure = null, string? dataDir = null, CancellationToken cancellationToken = default) =>
        StartAsync(configure, dataDir, configureServices: null, cancellationToken);

    /// <summary>
    /// Starts an agent with some of its services replaced (e.g. a <c>SessionClock</c> on a <c>FakeTimeProvider</c>) and waits
    /// until it has a leader and has registered itself.
    /// </summary>
    public static async Task<TestAgent> StartAsync(
        Func<AgentConfig, AgentConfig>? configure, string? dataDir, Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var owns = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("parley-test-").FullName;
        var config = new AgentConfig
        {
            NodeName = "node-" + Guid.NewGuid().ToString("N")[..8],
            DataDir = dataDir,
            Server = true,
            Bootstrap = true,
            BootstrapExpect = 1,
            LogLevel = "warn",
            Ports = new AgentPorts { Http = FreePorts.Next(), Server = FreePorts.Next(), Grpc = -1, GrpcTls = FreePorts.Next(), Dns = -1 },
        };
        config = configure?.Invoke(config) ?? config;
        var agent = ParleyAgent.Create(config, logging => logging.SetMinimumLevel(LogLevel.Warning), configureServices);
        try
        {
            await agent.StartAsync(cancellationToken);
            await agent.Ready.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            // A test that expects the start to fail must not leave a half-started agent running in the test process.
            await agent.DisposeAsync();
            throw;
        }

        return new TestAgent(agent, dataDir, owns);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Agent.StopAsync(CancellationToken.None);
        await Agent.DisposeAsync();
        if (OwnsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
