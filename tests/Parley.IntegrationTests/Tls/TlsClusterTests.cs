using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Tls;

/// <summary>
/// Consul's two-command TLS setup with real processes: <c>parley tls ca create</c> and <c>parley tls cert create</c>
/// write the files, three <c>parley agent</c> servers use them for the server port (verify_incoming, verify_outgoing,
/// verify_server_hostname) and HTTPS (verify_incoming), and the CLI works over HTTPS with Consul's variables and flags.
/// Strangers (a raw TCP client, another CA's certificates, no certificate) get no state and change none.
/// </summary>
public sealed class TlsClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoCommandSetup_ThreeTlsServers_ServeTheCliOverHttpsAndRefuseStrangers()
    {
        using var pki = new TlsWorkspace();
        using var stranger = new TlsWorkspace();
        var ca = await pki.MustRunAsync(Ct, "tls", "ca", "create");
        Assert.Equal(["==> Saved consul-agent-ca.pem", "==> Saved consul-agent-ca-key.pem"], Lines(ca.Out));
        var server = await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        Assert.Contains("==> Using consul-agent-ca.pem and consul-agent-ca-key.pem", server.Out);
        Assert.Equal(["==> Saved dc1-server-consul-0.pem", "==> Saved dc1-server-consul-0-key.pem"], Lines(server.Out)[^2..]);
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-cli", "-dc", "dc1");
        await stranger.MustRunAsync(Ct, "tls", "ca", "create");
        await stranger.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        await stranger.MustRunAsync(Ct, "tls", "cert", "create", "-cli", "-dc", "dc1");
        using (var issued = X509CertificateLoader.LoadCertificateFromFile(pki["dc1-server-consul-2.pem"]))
        {
            Assert.True(issued.MatchesHostname("server.dc1.consul"));
            Assert.True(issued.MatchesHostname("localhost"));
        }

        var ports = Enumerable.Range(0, 3).Select(_ => ParleyProcess.FreeAgentPorts()).ToList();
        var https = ports.Select(_ => FreePorts.Next()).ToList();
        var servers = new List<ParleyProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                servers.Add(StartServer(pki, i, ports, https[i]));
            }

            foreach (var s in servers)
            {
                await s.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
            }

            var httpsEnvironment = new Dictionary<string, string>
            {
                ["CONSUL_CACERT"] = pki["consul-agent-ca.pem"],
                ["CONSUL_CLIENT_CERT"] = pki["dc1-cli-consul-0.pem"],
                ["CONSUL_CLIENT_KEY"] = pki["dc1-cli-consul-0-key.pem"],
            };

            // The CLI over HTTPS with Consul's variables: a write on one server, read back through another with the flags.
            var put = await ParleyCli.RunAsync(Https(https[0]), httpsEnvironment, Ct, "kv", "put", "tls/proof", "written-over-https");
            Assert.True(put.ExitCode == 0, put.ToString());
            Assert.Equal("Success! Data written to: tls/proof", put.Out.Trim());
            var get = await ParleyCli.RunAsync(Https(https[2]), new Dictionary<string, string>(), Ct,
                "kv", "get", "-ca-file", pki["consul-agent-ca.pem"], "-client-cert", pki["dc1-cli-consul-0.pem"],
                "-client-key", pki["dc1-cli-consul-0-key.pem"], "tls/proof");
            Assert.True(get.ExitCode == 0, get.ToString());
            Assert.Equal("written-over-https", get.Out.Trim());
            var members = await ParleyCli.RunAsync(Https(https[1]), httpsEnvironment, Ct, "operator", "raft", "list-peers");
            Assert.True(members.ExitCode == 0, members.ToString());
            Assert.Equal(3, Lines(members.Out).Count(l => l.StartsWith("server-", StringComparison.Ordinal)));

            // HTTPS refuses a client without a certificate and one with another CA's certificate; nothing is written.
            var noCertificate =
                await ParleyCli.RunAsync(Https(https[0]), new Dictionary<string, string> { ["CONSUL_CACERT"] = pki["consul-agent-ca.pem"] },
                Ct, "kv", "put", "tls/proof", "anonymous");
            Assert.NotEqual(0, noCertificate.ExitCode);
            var otherCa = await ParleyCli.RunAsync(Https(https[0]), new Dictionary<string, string>
            {
                ["CONSUL_HTTP_SSL_VERIFY"] = "false",
                ["CONSUL_CLIENT_CERT"] = stranger["dc1-cli-consul-0.pem"],
                ["CONSUL_CLIENT_KEY"] = stranger["dc1-cli-consul-0-key.pem"],
            }, Ct, "kv", "put", "tls/proof", "stranger");
            Assert.NotEqual(0, otherCa.ExitCode);

            // The server port: a raw TCP client and a server of another CA get nothing back.
            Assert.Empty(await RawServerPortAsync(ports[0].Server));
            Assert.Empty(await ForeignTlsServerPortAsync(ports[0].Server, stranger));

            var after = await ParleyCli.RunAsync(Https(https[1]), httpsEnvironment, Ct, "kv", "get", "tls/proof");
            Assert.Equal("written-over-https", after.Out.Trim());
            var peers = await ParleyCli.RunAsync(Https(https[1]), httpsEnvironment, Ct, "operator", "raft", "list-peers");
            Assert.Equal(3, Lines(peers.Out).Count(l => l.StartsWith("server-", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var s in servers)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(s.Output);
                await s.DisposeAsync();
            }
        }
    }

    private static ParleyProcess StartServer(TlsWorkspace pki, int index, List<ProcessPorts> ports, int httpsPort)
    {
        var config = pki[$"server-{index}.hcl"];
        File.WriteAllText(config, $$"""
            tls {
              defaults {
                ca_file         = "{{pki["consul-agent-ca.pem"]}}"
                cert_file       = "{{pki[$"dc1-server-consul-{index}.pem"]}}"
                key_file        = "{{pki[$"dc1-server-consul-{index}-key.pem"]}}"
                verify_incoming = true
                verify_outgoing = true
              }
              internal_rpc {
                verify_server_hostname = true
              }
            }
            """);
        var arguments = new List<string>
        {
            "-server", "-bootstrap-expect", "3", "-node", $"server-{index}", "-data-dir", pki[$"data-{index}"],
            "-config-file", config, "-https-port", httpsPort.ToString(CultureInfo.InvariantCulture), "-log-level", "warn",
        };
        foreach (var p in ports)
        {
            arguments.AddRange(["-retry-join", "127.0.0.1:" + p.Server.ToString(CultureInfo.InvariantCulture)]);
        }

        return ParleyProcess.StartAgent(ports[index], [.. arguments]);
    }

    private static Uri Https(int port) => new("https://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // 'P' (the RPC preamble) and a frame asking for anything: a verify_incoming server closes without a byte.
    private static async Task<byte[]> RawServerPortAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync("P\0\0\0\u0002{}"u8.ToArray(), Ct);
            return await ReadAllAsync(stream);
        }
        catch (IOException)
        {
            return [];
        }
    }

    // 'T', a TLS handshake with another CA's server certificate, then 'P' and a frame.
    private static async Task<byte[]> ForeignTlsServerPortAsync(int port, TlsWorkspace stranger)
    {
        using var certificate = X509Certificate2.CreateFromPemFile(
            stranger["dc1-server-consul-0.pem"], stranger["dc1-server-consul-0-key.pem"]);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync("T"u8.ToArray(), Ct);
            await using var tls = new SslStream(stream, leaveInnerStreamOpen: true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "server.dc1.consul",
                ClientCertificates = [certificate],
                // The stranger does not care who answers; the point is what the server lets through.
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null,
            }, Ct);
            await tls.WriteAsync("P\0\0\0\u0002{}"u8.ToArray(), Ct);
            return await ReadAllAsync(tls);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return [];
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, deadline.Token);
        return buffer.ToArray();
    }
}
