using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// Traffic the walkthrough does not reach, through <c>parley connect proxy</c> processes configured by a real agent:
/// raw TCP (an L4 deny refuses new connections while an open one carries on), gRPC, and a CA root rotation under
/// load that no request notices.
/// </summary>
public sealed class MeshTrafficTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Tcp_CarriesBytes_AndADenyRefusesNewConnectionsWhileAnOpenOneCarriesOn()
    {
        await using var echo = new TcpEchoBackend();
        var upstream = await PairAsync("tcp-echo", "tcp-client", echo.Port, "tcp");
        await using var proxies = upstream.Proxies;

        using var open = await EventuallyConnectedAsync(upstream.Port, proxies);
        Assert.Equal("first", await RoundTripAsync(open, "first"));

        await Http.PutOkAsync(
            "/v1/config",
            """{"Kind":"service-intentions","Name":"tcp-echo","Sources":[{"Name":"tcp-client","Action":"deny"}]}""",
            Ct);
        await Eventually.ReadAsync(
            async () => await TryNewConnectionAsync(upstream.Port), echoed => !echoed, Settle, "new connections refused after the deny",
                Ct);

        // L4 intentions are decided when a connection opens (as Envoy's network RBAC): the open one is not cut.
        Assert.Equal("still here", await RoundTripAsync(open, "still here"));

        await Http.PutOkAsync(
            "/v1/config",
            """{"Kind":"service-intentions","Name":"tcp-echo","Sources":[{"Name":"tcp-client","Action":"allow"}]}""",
            Ct);
        await Eventually.ReadAsync(
            async () => await TryNewConnectionAsync(upstream.Port), echoed => echoed, Settle, "new connections admitted after the allow",
                Ct);
    }

    [Fact]
    public async Task Grpc_CallsThroughTwoSidecars()
    {
        await using var backend = await StartGrpcBackendAsync();
        var upstream = await PairAsync("grpc-api", "grpc-client", backend.Port, "grpc");
        await using var proxies = upstream.Proxies;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{upstream.Port}");
        var health = new Health.HealthClient(channel);

        // Any answer of the health service proves the call crossed; until the sidecars are ready it is an RpcException.
        await Eventually.ReadAsync(
            () => CheckAsync(health, ""), answer => answer.StartsWith("response ", StringComparison.Ordinal), Settle,
            $"a gRPC call through both sidecars\n{proxies.Output}", Ct);

        // A gRPC error travels in trailers: the service's NotFound for an unknown name reaches the caller as sent.
        Assert.Equal("NotFound", await CheckAsync(health, "no-such-service"));
    }

    [Fact]
    public async Task CaRotation_UnderLoad_NoRequestFails_AndTheSidecarPresentsTheNewRoot()
    {
        await using var backend = await EchoBackend.StartAsync("rotating-api", Ct);
        var upstream = await PairAsync("rotating-api", "rotating-client", backend.Port, "http");
        await using var proxies = upstream.Proxies;
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{upstream.Port}"), Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.ReadAsync(() => StatusAsync(app), s => s == "200", Settle, $"the first call\n{proxies.Output}", Ct);

        using var client = new ParleyClient(new ParleyClientOptions { Address = fixture.Agent.Address.ToString().TrimEnd('/') });
        var sidecarPort = await SidecarPortAsync("rotating-api");
        var before = await PresentedIssuerAsync(sidecarPort, client);

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var sent = 0;
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var status = await StatusAsync(app);
                Interlocked.Increment(ref sent);
                if (status != "200")
                {
                    lock (failures)
                    {
                        failures.Add(status);
                    }
                }
            }
        })).ToList();

        var (config, _) = await client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        config.Config["PrivateKeyType"] = "rsa";
        config.Config["PrivateKeyBits"] = 2048;
        await client.Connect.CaSetConfigAsync(config, cancellationToken: Ct);
        var newRoot = (await client.Connect.CaRootsAsync(cancellationToken: Ct)).Value.Roots.Single(r => r.Active);
        using var newRootCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(newRoot.RootCertPEM);

        // The backend's sidecar moves to a leaf of the new root without a restart, while the load runs on.
        await Eventually.ReadAsync(
            () => PresentedIssuerAsync(sidecarPort, client), issuer => issuer == newRootCertificate.Subject, Settle,
            "the sidecar presenting a leaf of the new root", Ct);
        var sentAtSwitch = Volatile.Read(ref sent);
        await Eventually.ReadAsync(
            () => Task.FromResult(Volatile.Read(ref sent)), n => n > sentAtSwitch + 200, Settle, "200 more requests", Ct);
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.NotEqual(before, newRootCertificate.Subject);
        Assert.True(sent > 200, $"only {sent} requests ran");
        Assert.Empty(failures);
    }

    private static async Task<string> CheckAsync(Health.HealthClient health, string service)
    {
        try
        {
            var response = await health.CheckAsync(
                new HealthCheckRequest { Service = service },
                deadline: DateTime.UtcNow.AddSeconds(5),
                cancellationToken: Ct);
            return $"response {response.Status}";
        }
        catch (Grpc.Core.RpcException e)
        {
            return e.StatusCode.ToString();
        }
    }

    /// <summary>
    /// Registers <paramref name="service"/> (on <paramref name="appPort"/>) and <paramref name="caller"/> with sidecars and starts both.
    /// </summary>
    private async Task<(int Port, ProxyPair Proxies)> PairAsync(string service, string caller, int appPort, string protocol)
    {
        var upstream = FreePorts.Next();
        await Http.PutOkAsync("/v1/config", $$"""{"Kind":"service-defaults","Name":"{{service}}","Protocol":"{{protocol}}"}""", Ct);
        await Http.PutOkAsync("/v1/agent/service/register", $$"""
            {"ID":"{{service}}","Name":"{{service}}","Port":{{appPort}},"Connect":{"SidecarService":{"Port":{{FreePorts.Next()}} } } }
            """, Ct);
        await Http.PutOkAsync("/v1/agent/service/register", $$"""
            {"ID":"{{caller}}","Name":"{{caller}}","Port":1,"Connect":{"SidecarService":{"Port":{{FreePorts.Next()}},
             "Proxy":{"Upstreams":[{"DestinationName":"{{service}}","LocalBindPort":{{upstream}} }]} } } }
            """, Ct);
        var address = fixture.Agent.Address;
        return (upstream, new ProxyPair(
            ConnectProxyProcess.Start(address, "-sidecar-for", service), ConnectProxyProcess.Start(address, "-sidecar-for", caller)));
    }

    private async Task<int> SidecarPortAsync(string service)
    {
        var registration = await Http.GetJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/agent/service/{service}-sidecar-proxy", Ct);
        return (int)registration["Port"]!;
    }

    /// <summary>
    /// The issuer of the certificate the sidecar on <paramref name="port"/> presents, handshaking with a leaf of this cluster.
    /// </summary>
    private static async Task<string> PresentedIssuerAsync(int port, ParleyClient client)
    {
        var (leaf, _) = await client.Agent.ConnectCaLeafAsync("probe", cancellationToken: Ct);
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            leaf.CertPEM, leaf.PrivateKeyPEM);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        string issuer = "";
        // Only the issuer is read here; the sidecar's identity is not what this handshake checks.
        using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, presented, _, _) =>
        {
            issuer = presented?.Issuer ?? "";
            return presented is not null;
        });
        await tls.AuthenticateAsClientAsync(
            new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = "probe",
                ClientCertificates = [certificate],
            },
            Ct);
        return issuer;
    }

    private static async Task<string> StatusAsync(HttpClient app)
    {
        try
        {
            using var response = await app.GetAsync("/", Ct);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    private static async Task<TcpClient> EventuallyConnectedAsync(int port, ProxyPair proxies)
    {
        await Eventually.ReadAsync(
            () => TryNewConnectionAsync(port), echoed => echoed, Settle, $"a TCP round trip through both sidecars\n{proxies.Output}", Ct);
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, Ct);
        return client;
    }

    private static async Task<bool> TryNewConnectionAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, Ct);
            return await RoundTripAsync(client, "ping") == "ping";
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="text"/> and reads back as many bytes; "" when the connection closes first.</summary>
    private static async Task<string> RoundTripAsync(TcpClient client, string text)
    {
        var stream = client.GetStream();
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes, Ct);
        var buffer = new byte[bytes.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct);
            if (n == 0)
            {
                return "";
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer);
    }

    private static async Task<GrpcBackend> StartGrpcBackendAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        var app = builder.Build();
        app.MapGrpcHealthChecksService();
        await app.StartAsync(Ct);
        return new GrpcBackend(app, new Uri(app.Urls.First()).Port);
    }

    private sealed record GrpcBackend(WebApplication App, int Port) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }
    }

    /// <summary>The two sidecar processes of a test; disposing stops both.</summary>
    private sealed record ProxyPair(ConnectProxyProcess Service, ConnectProxyProcess Caller) : IAsyncDisposable
    {
        public string Output => $"service's sidecar:\n{Service.Output}\ncaller's sidecar:\n{Caller.Output}";

        public async ValueTask DisposeAsync()
        {
            await Caller.DisposeAsync();
            await Service.DisposeAsync();
        }
    }
}
