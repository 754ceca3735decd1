using System.Net.Sockets;
using Parley.Consensus.Internal.Rpc;
using Parley.Consensus.Internal.Transport;
using Parley.State.Commands;

namespace Parley.Consensus.Tests;

/// <summary>
/// TLS on the server port with verify_incoming, verify_outgoing and verify_server_hostname: servers of one CA form a
/// cluster; a raw TCP client, another CA's certificate and a non-server certificate of the same CA get nothing in and
/// nothing out.
/// </summary>
public sealed class ServerPortTlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeregisterCatalog Deregister(string node) => new(node, null, null);

    [Fact]
    public async Task ThreeServers_WithTlsOnTheServerPort_FormOneClusterAndReplicate()
    {
        using var pki = new TestPki();
        var certificates = Enumerable.Range(0, 3).Select(_ => pki.Issue("server.dc1.consul", "localhost")).ToList();
        await using var cluster = RaftTestCluster.Create(3, configure: (i, o) => o.Tls = pki.ServerTls(certificates[i]));

        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);
        var write = await follower.Replicator.ApplyAsync(Deregister("over-tls"), Ct);

        Assert.All(cluster.Servers, s => Assert.Equal(3, s.Replicator.GetConfiguration().Servers.Count));
        Assert.True(follower.Machine.LastAppliedIndex >= write.Index);
        Assert.Contains(follower.Machine.Items, i => i.Contains("\"over-tls\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RawTcpClient_SendingAnApplyRpc_IsClosedWithoutAnAnswerAndNothingIsWritten()
    {
        using var pki = new TestPki();
        await using var server = RaftTestServer.Create(configure: o => o.Tls = pki.ServerTls(pki.Issue("server.dc1.consul")));
        await server.StartAsync();
        var before = server.Machine.Items.Count;

        using var socket = await ServerPortSocket.ConnectAsync(System.Net.IPEndPoint.Parse(server.Address), Ct);
        await using var stream = new NetworkStream(socket);
        var request = new RpcRequest(RpcKind.Apply, "127.0.0.1:1", CommandCodec.Encode(Deregister("stranger")));
        byte[] answer = [];
        try
        {
            await stream.WriteAsync(new[] { Preamble.Rpc }, Ct);
            await RpcFrame.WriteAsync(stream, request, Ct);
            answer = await ReadToEndAsync(stream);
        }
        catch (IOException)
        {
            // The server may reset the connection while the request is still being written: no answer either.
        }

        Assert.Empty(answer);
        Assert.Equal(before, server.Machine.Items.Count);
        Assert.DoesNotContain(server.Machine.Items, i => i.Contains("stranger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerOfAnotherCa_CallingApply_IsRefusedAndNothingIsWritten()
    {
        using var pki = new TestPki();
        using var stranger = new TestPki("Stranger CA");
        await using var server = RaftTestServer.Create(configure: o => o.Tls = pki.ServerTls(pki.Issue("server.dc1.consul")));
        await server.StartAsync();
        var before = server.Machine.Items.Count;

        // The stranger trusts our CA (it knows our certificate), so only our side's check can stop it.
        var tls = stranger.ServerTls(stranger.Issue("server.dc1.consul"));
        tls.TrustedRoots.Add(pki.Root);
        await using var client = new RpcClient(tls, TimeProvider.System);
        var request = new RpcRequest(RpcKind.Apply, "127.0.0.1:1", CommandCodec.Encode(Deregister("stranger")));

        await Assert.ThrowsAnyAsync<IOException>(() => client.CallAsync(server.Address, request, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(before, server.Machine.Items.Count);
    }

    [Fact]
    public async Task ClientCertificateOfTheSameCa_WithoutTheServerName_IsRefused()
    {
        using var pki = new TestPki();
        await using var server = RaftTestServer.Create(configure: o => o.Tls = pki.ServerTls(pki.Issue("server.dc1.consul")));
        await server.StartAsync();
        var before = server.Machine.Items.Count;

        // A client agent's certificate (client.dc1.consul) is signed by the same CA but does not make its holder a server.
        var tls = pki.ServerTls(pki.Issue("client.dc1.consul", "localhost"));
        await using var client = new RpcClient(tls, TimeProvider.System);
        var request = new RpcRequest(RpcKind.Apply, "127.0.0.1:1", CommandCodec.Encode(Deregister("client-agent")));

        await Assert.ThrowsAnyAsync<IOException>(() => client.CallAsync(server.Address, request, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(before, server.Machine.Items.Count);
    }

    [Fact]
    public async Task ServerWithTheWrongName_IsNotTrustedByADialingServer()
    {
        using var pki = new TestPki();
        // This server's certificate is for dc2, so a dc1 server dialing it with verify_server_hostname refuses to talk.
        await using var server = RaftTestServer.Create(
            configure: o => o.Tls = pki.ServerTls(pki.Issue("server.dc2.consul"), "server.dc2.consul"));
        await server.StartAsync();

        await using var client = new RpcClient(pki.ServerTls(pki.Issue("server.dc1.consul")), TimeProvider.System);
        var request = new RpcRequest(RpcKind.Hello, "127.0.0.1:1");

        var error = await Assert.ThrowsAnyAsync<IOException>(() => client.CallAsync(server.Address, request, TimeSpan.FromSeconds(5), Ct));
        Assert.IsType<ServerUnreachableException>(error);
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(RaftTestServer.Timeout);
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, deadline.Token);
        }
        catch (IOException)
        {
            // A reset is as good as a close: nothing was answered.
        }

        return buffer.ToArray();
    }
}
