using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// The acceptor pushes its server addresses to the dialer as servers come and go (PeeringServerAddresses): a follower
/// of a three-server acceptor leaves with <c>parley leave</c> and drops out of the dialer's <c>PeerServerAddresses</c>;
/// started again, it rejoins and comes back.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PeeringServerAddressTests
{
    private const string AcceptorName = "acceptor";
    private const string DialerName = "dialer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptorServerLeavesAndRejoins_DialerPeerServerAddressesFollow()
    {
        await using var acceptor = await ServerCluster.StartAsync(3, Ct);
        await using var dialerCluster = await ServerCluster.StartAsync(1, Ct);
        var dialer = dialerCluster[0];
        var leader = await acceptor.WaitForLeaderAsync(acceptor.Running, ServerCluster.StartTimeout, Ct);

        var token = await ClusterPeering.GenerateTokenAsync(acceptor[leader], DialerName, servers: 3, Ct);
        var all = ClusterPeering.ServerAddresses(token).Order(StringComparer.Ordinal).ToList();
        await ClusterPeering.EstablishAsync(dialer, AcceptorName, token, Ct);
        await ClusterPeering.WaitActiveAsync(dialer, AcceptorName, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(all, PeerServerAddresses(await ClusterPeering.PeeringAsync(dialer, AcceptorName, Ct)));

        var leaving = acceptor.Running.First(i => i != leader);
        var leavingAddress = all.Single(
            a => a.EndsWith(":" + acceptor[leaving].Ports.GrpcTls.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var remaining = all.Where(a => a != leavingAddress).ToList();

        // A follower leaves: the leader deregisters it, and the address list the acceptor pushes loses it.
        var clock = Stopwatch.StartNew();
        var leave = await ParleyCli.RunAsync(acceptor.HttpAddress(leaving), Ct, "leave");
        Assert.True(leave.ExitCode == 0, leave.ToString());
        Assert.Equal(0, await acceptor[leaving].WaitForExitAsync(TimeSpan.FromSeconds(20), Ct));
        await Eventually.ReadAsync(
            () => ClusterPeering.PeeringAsync(dialer, AcceptorName, Ct),
            p => PeerServerAddresses(p).SequenceEqual(remaining),
            TimeSpan.FromSeconds(30),
            $"the dialer's PeerServerAddresses to lose {leavingAddress}",
            Ct);
        var goneAfter = clock.Elapsed;
        Assert.DoesNotContain(
            ServerCluster.NodeName(leaving),
            await ConsulNodesAsync(acceptor[acceptor.Running[0]]));

        // Started again on its data, it joins through retry-join, registers itself, and its address is pushed again.
        clock.Restart();
        await acceptor.RestartAsync(leaving, waitUntilReady: true, Ct);
        try
        {
            await Eventually.ReadAsync(
                () => ConsulNodesAsync(acceptor[leader]),
                nodes => nodes.Contains(ServerCluster.NodeName(leaving)),
                TimeSpan.FromSeconds(30),
                $"{ServerCluster.NodeName(leaving)} to be registered again",
                Ct);
            await Eventually.ReadAsync(
                () => ClusterPeering.PeeringAsync(dialer, AcceptorName, Ct),
                p => PeerServerAddresses(p).SequenceEqual(all),
                TimeSpan.FromSeconds(30),
                $"the dialer's PeerServerAddresses to regain {leavingAddress}",
                Ct);
        }
        catch
        {
            WriteMembershipLog(acceptor);
            throw;
        }

        var backAfter = clock.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{leavingAddress} left the dialer's PeerServerAddresses {goneAfter.TotalMilliseconds:F0} ms after `parley leave`; " +
            $"back {backAfter.TotalMilliseconds:F0} ms after the restart began");

        // Servers leaving and joining may move the acceptor's leadership; the stream then follows it.
        await ClusterPeering.WaitActiveAsync(dialer, AcceptorName, TimeSpan.FromSeconds(30), Ct);
    }

    /// <summary>Writes the acceptor servers' membership and registration log lines to the test output (on a failure).</summary>
    private static void WriteMembershipLog(ServerCluster cluster)
    {
        foreach (var i in cluster.Running)
        {
            foreach (var line in cluster[i].Output.Split('\n').Where(l =>
                l.Contains("SelfRegistration", StringComparison.Ordinal) || l.Contains("RaftReplicator", StringComparison.Ordinal)))
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"server {i}: {line}");
            }
        }
    }

    /// <summary>The peering's <c>PeerServerAddresses</c>, sorted.</summary>
    private static List<string> PeerServerAddresses(JsonObject? peering) =>
        peering?["PeerServerAddresses"] is JsonArray addresses
            ? [.. addresses.Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The nodes of the <c>consul</c> service in the catalog.</summary>
    private static async Task<List<string>> ConsulNodesAsync(ParleyProcess server) =>
        [.. (await server.Http.GetJsonAsync<JsonArray>("/v1/catalog/service/consul", Ct)).Select(s => s!["Node"]!.GetValue<string>())];
}
