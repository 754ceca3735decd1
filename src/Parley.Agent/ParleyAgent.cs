using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Agent.Configuration;
using Parley.Agent.Hosting;
using Parley.Api;
using Parley.Api.Acl;
using Parley.Api.Agent;
using Parley.Api.Metrics;
using Parley.Api.Sessions;
using Parley.Consensus;
using Parley.Dns;
using Parley.Mesh;
using Parley.Mesh.Ca;
using Parley.Peering;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.Ui;

namespace Parley.Agent;

/// <summary>
/// One running Parley agent: Kestrel with the HTTP API, the Raft server with its log on disk, the state
/// store, and the agent's background work. The composition root; tests start several in one process.
/// </summary>
public sealed class ParleyAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _tempDataDir;
    private readonly Stopwatch _startClock = new();

    private ParleyAgent(WebApplication app, AgentConfig config, string dataDir, string? tempDataDir)
    {
        _app = app;
        Config = config;
        DataDir = dataDir;
        _tempDataDir = tempDataDir;
    }

    public AgentConfig Config { get; }

    /// <summary>The data directory in use (a temporary one in dev mode).</summary>
    public string DataDir { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The HTTP API's address, e.g. <c>http://127.0.0.1:8500</c> (the real port when 0 was asked for).</summary>
    public Uri HttpAddress { get; private set; } = new("http://127.0.0.1:8500");

    /// <summary>Completes when a leader is known and this server is registered in its catalog.</summary>
    public Task Ready => _app.Services.GetRequiredService<AgentReadiness>().Ready;

    /// <summary>Builds an agent from its configuration; nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <param name="config">The agent's configuration.</param>
    /// <param name="configureLogging">Replaces the console logging, e.g. with a test's logger.</param>
    /// <param name="configureServices">
    /// Runs after the agent's own registrations, so a test can replace one (such as the <see cref="SessionClock"/>).
    /// </param>
    /// <param name="reload">
    /// Loads the configuration again for <c>PUT /v1/agent/reload</c> (the command line's files and flags); null: nothing to
    /// re-read, so a reload changes nothing.
    /// </param>
    public static ParleyAgent Create(
        AgentConfig config, Action<ILoggingBuilder>? configureLogging = null, Action<IServiceCollection>? configureServices = null,
        Func<(AgentConfig Config, IReadOnlyList<string> Warnings)>? reload = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? temp = null;
        var dataDir = config.DataDir;
        if (string.IsNullOrEmpty(dataDir))
        {
            temp = Directory.CreateTempSubdirectory("parley-dev-").FullName;
            dataDir = temp;
        }

        Directory.CreateDirectory(dataDir);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        var logMonitor = ConfigureLogging(builder.Logging, config, configureLogging);
        builder.WebHost.ConfigureKestrel(kestrel => ConfigureListeners(kestrel, config));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(config);
        services.AddSingleton(config.AgentInfo(dataDir));
        services.AddSingleton(logMonitor);
        services.AddParleyState();
        services.AddParleyConsensus(raft => config.ConfigureRaft(raft, dataDir));
        services.AddParleyAcl(config.AclOptions(dataDir));
        services.AddParleyMesh(config.ConfigureConnectCa);
        services.AddParleyPeering(config.ConfigurePeering);
        services.AddParleyApi();
        services.AddParleyAgentServices(reload);
        services.AddParleyDns(config.DnsOptions());
        services.AddParleyTelemetry(config.Telemetry);
        configureServices?.Invoke(services);

        var app = builder.Build();
        if (config.Ports.GrpcTls > 0)
        {
            app.UsePeeringPortFilter(config.Ports.GrpcTls, config.Tls.EffectiveGrpc.VerifyIncoming ?? false);
        }

        app.MapParleyApi();
        if (config.UiEnabled)
        {
            app.MapParleyUi();
        }

        if (config.Ports.GrpcTls > 0)
        {
            app.MapPeeringGrpc();
        }

        return new ParleyAgent(app, config, dataDir, temp);
    }

    // The log level and filters, the console (or the caller's providers), and the provider GET /v1/agent/monitor reads.
    private static LogMonitor ConfigureLogging(ILoggingBuilder logging, AgentConfig config, Action<ILoggingBuilder>? configureLogging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevels.Parse(config.LogLevel));
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("DotNext", LogLevel.Warning);
        if (configureLogging is null)
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            configureLogging(logging);
        }

        // GET /v1/agent/monitor: every entry reaches the monitor provider, which passes on what an open monitor asks for
        // (its level may be below the agent's log_level, as Consul's is).
        var logMonitor = new LogMonitor(TimeProvider.System);
        logging.AddProvider(logMonitor);
        logging.AddFilter<LogMonitor>(null, LogLevel.Trace);
        logging.AddFilter<LogMonitor>("Microsoft", LogLevel.Warning);
        logging.AddFilter<LogMonitor>("DotNext", LogLevel.Warning);
        return logMonitor;
    }

    // HTTP on client_addr, and HTTPS and gRPC over TLS (peering) when their ports are set.
    private static void ConfigureListeners(KestrelServerOptions kestrel, AgentConfig config)
    {
        kestrel.AddServerHeader = false;
        if (config.Ports.Http >= 0)
        {
            kestrel.Listen(Endpoints.Parse(config.ClientAddr, config.Ports.Http), o => o.Protocols = HttpProtocols.Http1);
        }

        if (config.Ports.Https > 0)
        {
            TlsListeners.ListenHttps(kestrel, config);
        }

        if (config.Ports.GrpcTls > 0)
        {
            TlsListeners.ListenGrpc(kestrel, config, () => kestrel.ApplicationServices.GetRequiredService<ConnectCa>());
        }
    }

    /// <summary>Binds the listeners and starts the Raft server; returns once the HTTP API listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _startClock.Start();
        // The sink listens before anything measures; the observed instruments exist from the start.
        _app.Services.GetRequiredService<MetricsSink>();
        _app.Services.GetRequiredService<RuntimeMetrics>();
        _app.Services.GetRequiredService<PeeringMetrics>();
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            HttpAddress = new Uri(
                address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }

        var logger = _app.Services.GetRequiredService<ILogger<ParleyAgent>>();
        logger.Listening(Config.NodeName, Config.Dev ? "dev server" : Config.Server ? "server" : "client", Config.Datacenter,
            HttpAddress.ToString().TrimEnd('/'), Config.Ports.Server, DataDir);
        _ = Ready.ContinueWith(_ => logger.Ready(_startClock.Elapsed), TaskScheduler.Default);
    }

    /// <summary>Stops the listeners and the Raft server, flushing the log.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _app.Services.GetRequiredService<ILogger<ParleyAgent>>().Stopping();
        await _app.StopAsync(cancellationToken);
    }

    /// <summary>Completes when the host is asked to stop (SIGINT/SIGTERM, or a fatal error).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_tempDataDir is not null)
        {
            try
            {
                Directory.Delete(_tempDataDir, recursive: true);
            }
            catch (IOException)
            {
                // A dev agent's temporary log is best-effort cleanup.
            }
        }
    }
}
