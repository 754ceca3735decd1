using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// The operator's commands against a three-server cluster, through the real <c>parley</c> CLI: list the peers, save and
/// restore a snapshot (a damaged one refused), and a graceful leave.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class OperatorCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-snap-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task ListPeers_SnapshotSaveRestore_DamagedSnapshotRefused_Leave()
    {
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var leader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var follower = cluster.Running.First(i => i != leader);
        var other = cluster.Running.First(i => i != leader && i != follower);
        var viaFollower = cluster.HttpAddress(follower);

        // list-peers, asked of a follower, shows all three and the leader.
        var peers = await ParleyCli.RunAsync(viaFollower, Ct, "operator", "raft", "list-peers");
        Assert.True(peers.ExitCode == 0, peers.ToString());
        var lines = peers.Out.Trim().Split('\n');
        Assert.Matches(@"^Node\s+ID\s+Address\s+State\s+Voter\s+RaftProtocol$", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(ServerCluster.NodeName(leader), StringComparison.Ordinal)
            && l.Contains(cluster.ServerAddress(leader), StringComparison.Ordinal) && l.Contains(" leader ", StringComparison.Ordinal));

        // Save (through a follower), change the catalog, restore (through another follower): every server goes back.
        await cluster[leader].Http.PutOkAsync("/v1/catalog/register", NodeBody("kept"), Ct);
        var file = Path.Combine(_dir, "backup.snap");
        var save = await ParleyCli.RunAsync(viaFollower, Ct, "snapshot", "save", file);
        Assert.True(save.ExitCode == 0, save.ToString());
        Assert.StartsWith("Saved and verified snapshot to index ", save.Out, StringComparison.Ordinal);
        await cluster[leader].Http.PutOkAsync("/v1/catalog/register", NodeBody("dropped"), Ct);
        var inspect = await ParleyCli.RunAsync(viaFollower, Ct, "snapshot", "inspect", file);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Matches(@"(?m)^Index\s+[1-9][0-9]*$", inspect.Out);

        var restore = await ParleyCli.RunAsync(cluster.HttpAddress(other), Ct, "snapshot", "restore", file);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal("Restored snapshot", restore.Out.Trim());
        foreach (var i in cluster.Running)
        {
            var server = cluster[i];
            await Eventually.ReadAsync(() => NodeNamesAsync(server, "?stale"), names => names.Contains("kept")
                && !names.Contains("dropped"),
                TimeSpan.FromSeconds(10), $"server {i} to hold the restored catalog", Ct);
        }

        // A damaged copy is refused and changes nothing.
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        bytes[bytes.Length / 2] ^= 0xFF;
        var damaged = Path.Combine(_dir, "damaged.snap");
        await File.WriteAllBytesAsync(damaged, bytes, Ct);
        await cluster[leader].Http.PutOkAsync("/v1/catalog/register", NodeBody("after-restore"), Ct);
        var refused = await ParleyCli.RunAsync(viaFollower, Ct, "snapshot", "restore", damaged);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Error restoring snapshot", refused.Error, StringComparison.Ordinal);
        Assert.Contains("after-restore", await NodeNamesAsync(cluster[leader], "?consistent"));

        // Removing a server that is not in the configuration is refused with the reason.
        var unknown = await ParleyCli.RunAsync(viaFollower, Ct, "operator", "raft", "remove-peer", "-address", "127.0.0.1:1");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("address \"127.0.0.1:1\" was not found in the Raft configuration", unknown.Error, StringComparison.Ordinal);

        // A follower leaves gracefully: it exits, and the others drop it from the configuration.
        var leave = await ParleyCli.RunAsync(cluster.HttpAddress(other), Ct, "leave");
        Assert.True(leave.ExitCode == 0, leave.ToString());
        Assert.Equal("Graceful leave complete", leave.Out.Trim());
        Assert.Equal(0, await cluster[other].WaitForExitAsync(TimeSpan.FromSeconds(20), Ct));
        var configuration = await cluster[leader].Http.GetJsonAsync<JsonObject>("/v1/operator/raft/configuration", Ct);
        var addresses = configuration["Servers"]!.AsArray().Select(s => s!["Address"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { cluster.ServerAddress(leader), cluster.ServerAddress(follower) }.Order(), addresses);
        await cluster[follower].Http.PutOkAsync("/v1/catalog/register", NodeBody("after-leave"), Ct);
    }

    private static async Task<HashSet<string>> NodeNamesAsync(ParleyProcess server, string query)
        => (await server.Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes" + query, Ct))
            .Select(n => n!["Node"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static string NodeBody(string name) =>
        $$$"""{"Node": "{{{name}}}", "Address": "10.3.0.1"}""";
}
