using Parley.Testing;

namespace Parley.Consensus.Tests;

/// <summary>
/// Several <see cref="RaftTestServer"/>s on loopback that form one cluster through bootstrap-expect and retry-join,
/// the way <c>parley agent -bootstrap-expect N -retry-join ...</c> servers do.
/// </summary>
internal sealed class RaftTestCluster : IAsyncDisposable
{
    private RaftTestCluster(IReadOnlyList<RaftTestServer> servers) => Servers = servers;

    public IReadOnlyList<RaftTestServer> Servers { get; }

    /// <summary>Creates <paramref name="count"/> servers expecting each other, each knowing all addresses.</summary>
    /// <param name="count">How many servers.</param>
    /// <param name="snapshotThreshold">Each server's snapshot threshold.</param>
    /// <param name="configure">Runs last on each server's options, with the server's index.</param>
    public static RaftTestCluster Create(int count, long snapshotThreshold = 16384, Action<int, RaftOptions>? configure = null)
    {
        var servers = Enumerable.Range(0, count).Select(_ => RaftTestServer.Create(snapshotThreshold)).ToList();
        var addresses = servers.Select(s => s.Address).ToList();
        foreach (var (server, index) in servers.Select((s, i) => (s, i)))
        {
            server.Configure = o =>
            {
                o.Bootstrap = false;
                o.BootstrapExpect = count;
                o.RetryJoin = [.. addresses];
                configure?.Invoke(index, o);
            };
            server.Rebuild();
        }

        return new RaftTestCluster(servers);
    }

    /// <summary>Starts every server and waits until each knows the same leader and has every server as a voter.</summary>
    public async Task StartAsync()
    {
        foreach (var server in Servers)
        {
            await server.StartAsync(waitForLeader: false);
        }

        await WaitForVotersAsync(Servers);
    }

    /// <summary>Waits until every server in <paramref name="servers"/> agrees on one leader among them and lists them all.</summary>
    public static async Task<RaftTestServer> WaitForVotersAsync(IReadOnlyList<RaftTestServer> servers)
    {
        var expected = servers.Select(s => s.Address).Order(StringComparer.Ordinal).ToList();
        RaftTestServer? agreed = null;
        await Eventually.TrueAsync(
            () =>
            {
                var statuses = servers.Select(s => s.Replicator.Status).ToList();
                var leader = statuses[0].Leader;
                var ok = leader is not null && statuses.All(s => s.Leader == leader && s.Peers.SequenceEqual(expected));
                agreed = ok ? servers.Single(s => s.Address == leader) : null;
                return Task.FromResult((ok, string.Join("; ",
                    servers.Select(
                        s => $"{s.Address} leader={s.Replicator.Status.Leader} peers={string.Join(",", s.Replicator.Status.Peers)}"))));
            },
            RaftTestServer.Timeout,
            "the servers agree on one leader and list every server as a voter",
            TestContext.Current.CancellationToken);
        return agreed!;
    }

    /// <summary>The server that every running server names as leader, once they agree.</summary>
    public Task<RaftTestServer> LeaderAsync(IEnumerable<RaftTestServer>? running = null)
        => WaitForLeaderAmongAsync((running ?? Servers).ToList());

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Waits until the given servers agree on a leader that is one of them.</summary>
    public static async Task<RaftTestServer> WaitForLeaderAmongAsync(IReadOnlyList<RaftTestServer> servers)
    {
        RaftTestServer? found = null;
        await Eventually.TrueAsync(
            () => servers.Select(s => s.Replicator.Status.Leader).Distinct().ToList() is [{ } leader]
                && (found = servers.FirstOrDefault(s => s.Address == leader)) is not null,
            RaftTestServer.Timeout,
            "the servers agree on a leader that is one of them",
            TestContext.Current.CancellationToken);
        return found!;
    }
}
