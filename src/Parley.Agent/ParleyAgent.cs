using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Agent.Checks;
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
using Parley.State.Machine;
using Parley.State.Store;
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
        var agentInfo = new AgentInfo
        {
            NodeName = config.NodeName,
            NodeId = config.NodeId ?? NodeIdentity.LoadOrCreate(dataDir),
            Datacenter = config.Datacenter,
            AdvertiseAddress = config.EffectiveAdvertiseAddr,
            Server = config.Server,
            ServerPort = config.Ports.Server,
            SerfLanPort = config.Ports.SerfLan,
            HttpPort = config.Ports.Http,
            GrpcPort = config.Ports.Grpc,
            GrpcTlsPort = config.Ports.GrpcTls,
            SidecarMinPort = config.Ports.SidecarMin,
            SidecarMaxPort = config.Ports.SidecarMax,
            NodeMeta = config.NodeMeta,
            DefaultIntentionPolicy = config.DefaultIntentionPolicy,
            AclsEnabled = config.AclsEnabled,
            AclDefaultPolicy = config.AclDefaultPolicy,
        };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevels.Parse(config.LogLevel));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("DotNext", LogLevel.Warning);
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            configureLogging(builder.Logging);
        }

        // GET /v1/agent/monitor: every entry reaches the monitor provider, which passes on what an open monitor asks for
        // (its level may be below the agent's log_level, as Consul's is).
        var logMonitor = new LogMonitor(TimeProvider.System);
        builder.Logging.AddProvider(logMonitor);
        builder.Logging.AddFilter<LogMonitor>(null, LogLevel.Trace);
        builder.Logging.AddFilter<LogMonitor>("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter<LogMonitor>("DotNext", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
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
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(config);
        services.AddSingleton(agentInfo);
        services.AddSingleton<StateStore>();
        services.AddSingleton<StateMachine>();
        services.AddSingleton<IReplicatedStateMachine>(sp => sp.GetRequiredService<StateMachine>());
        services.AddParleyConsensus(raft =>
        {
            raft.DataDir = dataDir;
            raft.ServerEndpoint = Endpoints.Format(config.BindAddr, config.Ports.Server);
            raft.AdvertiseEndpoint = Endpoints.Format(config.EffectiveAdvertiseAddr, config.Ports.Server);
            raft.Bootstrap = config.Bootstrap || config.Dev;
            if (config.Dev)
            {
                // A dev agent is the only server there will ever be: nothing to wait for before it elects itself, and no
                // follower that a short timeout could make start a needless election. Saves 0.5-1 s of every start.
                raft.LowerElectionTimeout = TimeSpan.FromMilliseconds(100);
                raft.UpperElectionTimeout = TimeSpan.FromMilliseconds(150);
                raft.RequestTimeout = TimeSpan.FromMilliseconds(500);
            }

            raft.BootstrapExpect = config.BootstrapExpect;
            raft.RetryJoin = [.. config.RetryJoin.Select(a => RetryJoinAddress(a, config.Ports.Server))];
            raft.Tls = TlsListeners.InternalRpc(config);
        });
        // The operator, snapshot and leave endpoints reach the Raft server through this (the API never sees DotNext).
        services.AddSingleton<Parley.Api.Operator.IRaftOperator, RaftOperator>();
        services.AddSingleton<AgentReadiness>();
        services.AddSingleton(new PeeringOptions
        {
            Enabled = config.PeeringEnabled,
            ConnectEnabled = config.ConnectEnabled,
            Datacenter = config.Datacenter,
            GrpcTlsEnabled = config.Ports.GrpcTls > 0,
            HeartbeatInterval = config.PeeringHeartbeatInterval,
            HeartbeatTimeout = config.PeeringHeartbeatTimeout,
            DeletionBatchSize = config.PeeringDeletionBatchSize,
            TokenTtl = config.PeeringTokenTtl,
        });
        services.AddSingleton(new ConnectCaOptions
        {
            Enabled = config.ConnectEnabled,
            ClusterId = config.ClusterId,
            Datacenter = config.Datacenter,
            CaConfig = config.CaConfig.Count == 0 ? null : (System.Text.Json.Nodes.JsonObject)config.CaConfig.DeepClone(),
        });
        services.AddSingleton(new AclOptions
        {
            Enabled = config.AclsEnabled,
            DefaultAllow = config.AclDefaultPolicy != "deny",
            DefaultToken = config.AclTokens.Default,
            DnsToken = config.AclTokens.Dns,
            AgentToken = config.AclTokens.Agent,
            AgentRecoveryToken = config.AclTokens.AgentRecovery,
            TokenPersistenceFile = config.AclEnableTokenPersistence ? Path.Combine(dataDir, "acl-tokens.json") : null,
            InitialManagement = config.AclTokens.InitialManagement,
            Datacenter = config.Datacenter,
        });
        services.AddSingleton<AgentTokens>();
        services.AddSingleton(logMonitor);
        services.AddSingleton<Parley.Api.Http.ReadCache>();
        services.AddSingleton<Parley.Api.Health.HealthResponseCache>();
        services.AddSingleton<AclResolver>();
        services.AddHostedService<AclInitializer>();
        services.AddParleyMesh();
        services.AddParleyPeering();
        services.AddSingleton<TtlHeartbeats>();
        services.AddSingleton<LocalServices>();
        if (reload is not null)
        {
            services.AddSingleton<IAgentReloader>(sp => ActivatorUtilities.CreateInstance<ConfigReloader>(sp, reload));
        }

        services.AddSingleton(sp => new CheckProbe(
            new HttpClient(),
            new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(SessionClock.System);
        services.AddSingleton<SessionDeadlines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeaderQuery, SessionRenewQuery>());
        services.AddHostedService<SessionTimers>();
        services.AddHostedService<SelfRegistration>();
        services.AddHostedService<CheckRunner>();
        services.AddHostedService<ConfigServiceRegistration>();
        services.AddSingleton(config.Dns with
        {
            Domain = config.Domain.ToLowerInvariant() + ".",
            Datacenter = config.Datacenter,
            NodeName = config.NodeName,
            Endpoint = config.Ports.Dns > 0 ? Endpoints.Parse(config.ClientAddr, config.Ports.Dns) : null,
        });
        services.AddSingleton<IDnsAcl, DnsAcl>();
        services.AddHostedService<DnsListener>();
        services.AddMetrics();
        services.AddSingleton(config.Telemetry);
        services.AddSingleton<MetricsSink>();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<RuntimeMetrics>();

        configureServices?.Invoke(services);
        var app = builder.Build();
        if (config.Ports.GrpcTls > 0)
        {
            // Peering's gRPC answers only on its own TLS listener. Matched on the connection's local port, not the
            // Host header: that carries the port the dialer dialed, which differs behind a load balancer or relay.
            var grpcTlsPort = config.Ports.GrpcTls;
            var verifyIncoming = config.Tls.EffectiveGrpc.VerifyIncoming ?? false;
            app.Use((context, next) =>
            {
                var onGrpcPort = context.Connection.LocalPort == grpcTlsPort;
                var peering = context.Request.Path.StartsWithSegments(PeeringServiceCollectionExtensions.PeeringGrpcPath);
                if (!onGrpcPort && peering)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                // With verify_incoming only a peering dialer gets in without a client certificate (TlsListeners.ListenGrpc),
                // so such a connection may reach the peer stream and nothing else (Consul's peering SNI filter).
                if (onGrpcPort && verifyIncoming && !peering && context.Connection.ClientCertificate is null)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return context.Response.WriteAsync(
                        "only the peering stream is served without a client certificate",
                        context.RequestAborted);
                }

                return next(context);
            });
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
            HttpAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
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

    // Retry-join addresses name other servers' server ports; one given without a port uses this server's port number.
    private static string RetryJoinAddress(string address, int serverPort)
    {
        var bare = address.StartsWith('[') ? !address.Contains("]:", StringComparison.Ordinal)
            : System.Net.IPAddress.TryParse(address, out _) || !address.Contains(':', StringComparison.Ordinal);
        return bare ? Endpoints.Format(address.Trim('[', ']'), serverPort) : address;
    }

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
