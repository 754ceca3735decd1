using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// Peering reads on a follower: a three-server acceptor peered with a one-server dialer. ACTIVE and StreamStatus come
/// from the leader's stream tracker (Consul forwards these reads to the leader), so every server, followers included,
/// must answer what the leader knows: <c>GET /v1/peering/:name</c>, <c>GET /v1/peerings</c> (also as a blocking read)
/// and <c>parley peering list</c>.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PeeringFollowerReadTests(
    PeeringFollowerReadTests.PeeredClusters peered) : IClassFixture<PeeringFollowerReadTests.PeeredClusters>
{
    private const string Service = "web";
    private const string AcceptorName = "acceptor";
    private const string DialerName = "dialer";
    private const string GoZero = "0001-01-01T00:00:00Z";

    // Long enough for a leader change on a busy machine: the dialer reconnects to the new leader, whose first heartbeat
    // arrives after the default 15 s interval.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeeringRead_OnEveryAcceptorServer_AnswersTheLeadersStateAndStreamStatus()
    {
        for (var server = 0; server < peered.Acceptor.Count; server++)
        {
            var target = server;
            var read = await ReadAgreedAsync(_ => target, $"/v1/peering/{DialerName}", IsActiveWithHeartbeat);

            var body = JsonNode.Parse(read.FromServer)!;
            Assert.Equal("ACTIVE", body["State"]!.GetValue<string>());
            var stream = body["StreamStatus"]!;
            Assert.NotNull(stream["LastHeartbeat"]);
            Assert.NotEqual(GoZero, stream["LastReceive"]!.GetValue<string>());
            Assert.NotEqual(GoZero, stream["LastSend"]!.GetValue<string>());
            Assert.Equal([Service], stream["ExportedServices"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Equal(read.FromLeader, read.FromServer);
        }
    }

    [Fact]
    public async Task PeeringList_OnFollowers_AnswersTheLeadersList()
    {
        for (var nth = 1; nth <= 2; nth++)
        {
            var which = nth;
            var read = await ReadAgreedAsync(leader => Follower(leader, which), "/v1/peerings", IsOneActiveWithHeartbeat);

            Assert.NotEqual(read.Leader, read.Server);
            var peering = Assert.Single(JsonNode.Parse(read.FromServer)!.AsArray())!;
            Assert.Equal(DialerName, peering["Name"]!.GetValue<string>());
            Assert.Equal("ACTIVE", peering["State"]!.GetValue<string>());
            Assert.NotNull(peering["StreamStatus"]!["LastHeartbeat"]);
            Assert.Equal(read.FromLeader, read.FromServer);
        }
    }

    [Fact]
    public async Task PeeringListBlocking_OnFollower_ReturnsAfterTheWaitWithTheLeadersStatus()
    {
        var ready = await ReadAgreedAsync(leader => Follower(leader, 1), "/v1/peerings", IsOneActiveWithHeartbeat);
        var follower = peered.Acceptor[ready.Server];
        var (_, index) = await follower.Http.GetJsonWithIndexAsync<JsonArray>("/v1/peerings", Ct);

        var clock = Stopwatch.StartNew();
        var (body, after) = await follower.Http.GetJsonWithIndexAsync<JsonArray>($"/v1/peerings?index={index}&wait=1s", Ct);
        clock.Stop();

        // Nothing stored changed, so the read waited (Consul adds up to wait/16 of jitter), then fetched the statuses.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal(index, after);
        var peering = Assert.Single(body)!;
        Assert.Equal("ACTIVE", peering["State"]!.GetValue<string>());
        Assert.NotNull(peering["StreamStatus"]!["LastHeartbeat"]);
    }

    [Fact]
    public async Task PeeringListCli_AgainstFollower_ShowsActiveAsTheLeaderDoes()
    {
        var acceptor = peered.Acceptor;
        var ready = await ReadAgreedAsync(leader => Follower(leader, 1), "/v1/peerings", IsOneActiveWithHeartbeat);
        var followerAddress = acceptor.HttpAddress(ready.Server);

        var run = await ParleyCli.RunAsync(followerAddress, Ct, "peering", "list", "-http-addr=" + followerAddress.ToString().TrimEnd('/'));
        var fromLeader = await ParleyCli.RunAsync(acceptor.HttpAddress(ready.Leader), Ct, "peering", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(run.Out.Split('\n'), l => l.StartsWith(DialerName + " ", StringComparison.Ordinal));
        Assert.Matches(@"^dialer\s+ACTIVE\s+0\s+1\s*$", row);
        Assert.Equal(fromLeader.Out, run.Out);
    }

    private static bool IsOneActiveWithHeartbeat(JsonNode peerings) => peerings.AsArray().Count == 1 && IsActiveWithHeartbeat(peerings[0]!);

    private static bool IsActiveWithHeartbeat(JsonNode peering) =>
        peering["State"]?.GetValue<string>() == "ACTIVE" && peering["StreamStatus"]?["LastHeartbeat"] is not null;

    // The first or second follower of the given leader.
    private int Follower(int leader, int nth) => Enumerable.Range(0, peered.Acceptor.Count).Where(i => i != leader).ElementAt(nth - 1);

    /// <summary>
    /// Reads <paramref name="path"/> on the current leader and then on the server <paramref name="pickServer"/> names, until
    /// both answer 200 with the same body and <paramref name="ready"/> holds for it (no heartbeat fell between the reads,
    /// the stream is up). Leadership may move on a busy machine, so the leader is looked up on every attempt.
    /// </summary>
    private async Task<AgreedRead> ReadAgreedAsync(Func<int, int> pickServer, string path, Func<JsonNode, bool> ready)
    {
        var acceptor = peered.Acceptor;
        return await Eventually.ReadAsync(
            async () =>
            {
                var leader = await acceptor.WaitForLeaderAsync(acceptor.Running, ServerCluster.StartTimeout, Ct);
                var server = pickServer(leader);
                var fromLeader = await BodyAsync(acceptor[leader], path);
                var fromServer = await BodyAsync(acceptor[server], path);
                return new AgreedRead(leader, server, fromLeader, fromServer);
            },
            r => r.FromLeader == r.FromServer && (r.FromServer.StartsWith('[') || r.FromServer.StartsWith('{'))
                && ready(JsonNode.Parse(r.FromServer)!),
            Settle,
            $"{path} to be answered by a server as by the leader",
            Ct);
    }

    // The body of a 200, else the status and text (which never equals a body and is shown if the wait fails).
    private static async Task<string> BodyAsync(ParleyProcess server, string path)
    {
        using var response = await server.Http.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return response.StatusCode == HttpStatusCode.OK ? text : $"{(int)response.StatusCode} {text}";
    }

    private sealed record AgreedRead(int Leader, int Server, string FromLeader, string FromServer);

    /// <summary>
    /// The acceptor (three servers, exporting <c>web</c> to the dialer) and the dialer (one server), peered; the tests
    /// wait for the stream to be up.
    /// </summary>
    public sealed class PeeredClusters : IAsyncLifetime
    {
        private ServerCluster? _acceptor;
        private ServerCluster? _dialer;

        internal ServerCluster Acceptor => _acceptor ?? throw new InvalidOperationException("not started");

        public async ValueTask InitializeAsync()
        {
            try
            {
                await StartAndPeerAsync();
            }
            catch
            {
                // A fixture that failed to start is not disposed by the runner; leave no processes behind.
                await DisposeAsync();
                throw;
            }
        }

        private async Task StartAndPeerAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var ct = timeout.Token;
            _acceptor = await ServerCluster.StartAsync(3, ct);
            _dialer = await ServerCluster.StartAsync(1, ct);
            var dialer = _dialer[0];
            var leader = await _acceptor.WaitForLeaderAsync(_acceptor.Running, ServerCluster.StartTimeout, ct);
            var write = _acceptor[leader];

            await write.Http.PutOkAsync(
                "/v1/catalog/register",
                $$$"""{"Node": "node-0", "Address": "10.2.0.1", "Service": {"ID": "web-0", "Service": "{{{Service}}}", "Port": 8080}}""",
                ct);
            await write.Http.PutOkAsync(
                "/v1/config",
                $$$"""{"Kind": "exported-services", "Name": "default", "Services": [{"Name": "{{{Service}}}",""" +
                    $$$""" "Consumers": [{"Peer": "{{{DialerName}}}"}]}]}""",
                ct);

            var token = await ClusterPeering.GenerateTokenAsync(write, DialerName, servers: 3, ct);
            await ClusterPeering.EstablishAsync(dialer, AcceptorName, token, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_dialer is not null)
            {
                await _dialer.DisposeAsync();
                _dialer = null;
            }

            if (_acceptor is not null)
            {
                await _acceptor.DisposeAsync();
                _acceptor = null;
            }
        }
    }
}
