using System.Globalization;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// N real <c>parley agent -server -bootstrap-expect N -retry-join ...</c> processes on loopback, each with its own data
/// dir, that can be killed with kill -9 and started again on the same data and ports.
/// </summary>
internal sealed class ServerCluster : IAsyncDisposable
{
    /// <summary>How long a start (or the first election) may take: generous, the test machine is often shared and loaded.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ParleyProcess?[] _servers;
    private readonly ProcessPorts[] _ports;
    private readonly string[] _dataDirs;
    private readonly string _root;
    private readonly string? _extraConfigHcl;

    private ServerCluster(int count, string? extraConfigHcl)
    {
        _extraConfigHcl = extraConfigHcl;
        _root = Directory.CreateTempSubdirectory("parley-cluster-").FullName;
        _servers = new ParleyProcess?[count];
        _ports = [.. Enumerable.Range(0, count).Select(_ => ParleyProcess.FreeAgentPorts())];
        _dataDirs = [.. Enumerable.Range(0, count).Select(i => Path.Combine(_root, $"s{i}"))];
    }

    public int Count => _servers.Length;

    /// <summary>The indexes of the servers that are running.</summary>
    public IReadOnlyList<int> Running => [.. Enumerable.Range(0, Count).Where(i => _servers[i] is { HasExited: false })];

    public ParleyProcess this[int index] => _servers[index] ?? throw new InvalidOperationException($"server {index} is not running");

    /// <summary>The server address (<c>host:port</c> of the server port) of server <paramref name="index"/>.</summary>
    public string ServerAddress(int index) => "127.0.0.1:" + _ports[index].Server.ToString(CultureInfo.InvariantCulture);

    public Uri HttpAddress(int index) => new("http://127.0.0.1:" + _ports[index].Http.ToString(CultureInfo.InvariantCulture));

    /// <summary>The ports server <paramref name="index"/> listens on (also while it is down).</summary>
    public ProcessPorts PortsOf(int index) => _ports[index];

    public static string NodeName(int index) => $"server-{index}";

    /// <summary>Starts <paramref name="count"/> servers expecting each other and waits until every one is ready.</summary>
    public static Task<ServerCluster> StartAsync(int count, CancellationToken cancellationToken) =>
        StartAsync(count, extraConfigHcl: null, cancellationToken);

    /// <summary>
    /// Starts <paramref name="count"/> servers expecting each other, each also reading <paramref name="extraConfigHcl"/>
    /// (agent config in HCL, written next to its data dir and passed with <c>-config-file</c>; the command-line flags
    /// still win), and waits until every one is ready.
    /// </summary>
    public static async Task<ServerCluster> StartAsync(int count, string? extraConfigHcl, CancellationToken cancellationToken)
    {
        var cluster = new ServerCluster(count, extraConfigHcl);
        try
        {
            for (var i = 0; i < count; i++)
            {
                cluster.Launch(i);
            }

            foreach (var i in cluster.Running)
            {
                await cluster[i].WaitUntilReadyAsync(StartTimeout, cancellationToken);
            }

            await cluster.WaitForLeaderAsync(cluster.Running, StartTimeout, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of server <paramref name="index"/>; returns once it has exited.</summary>
    public async Task KillAsync(int index, CancellationToken cancellationToken)
    {
        var server = this[index];
        server.KillHard();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    /// <summary>Starts server <paramref name="index"/> again on its data dir and ports (it was killed or stopped).</summary>
    public async Task RestartAsync(int index, bool waitUntilReady, CancellationToken cancellationToken)
    {
        if (_servers[index] is { } old)
        {
            await old.DisposeAsync();
        }

        Launch(index);
        if (waitUntilReady)
        {
            await this[index].WaitUntilReadyAsync(StartTimeout, cancellationToken);
        }
    }

    /// <summary>Polls until every server in <paramref name="among"/> names the same leader, one of them; returns its index.</summary>
    public async Task<int> WaitForLeaderAsync(IReadOnlyList<int> among, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var said = await Eventually.ReadAsync(
            async () =>
            {
                var leaders = new List<string>();
                foreach (var i in among)
                {
                    leaders.Add(await LeaderSeenByAsync(i, cancellationToken));
                }

                return string.Join(", ", leaders);
            },
            leaders => AgreedLeader(leaders, among) is not null,
            timeout,
            $"servers {string.Join(",", among)} agree on a leader",
            cancellationToken);
        return AgreedLeader(said, among)!.Value;
    }

    // The index of the server that every answer in "a, b, c" names, when it is one of the servers asked.
    private int? AgreedLeader(string leaders, IReadOnlyList<int> among) =>
        leaders.Split(", ").Distinct().ToList() is [var one] && IndexOf(one) is { } leader && among.Contains(leader) ? leader : null;

    /// <summary>What server <paramref name="index"/> answers for <c>/v1/status/leader</c> ("" when none or unreachable).</summary>
    public async Task<string> LeaderSeenByAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            var leader = await this[index].Http.GetJsonAsync<JsonValue>("/v1/status/leader", cancellationToken);
            return leader.GetValue<string>();
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private int? IndexOf(string serverAddress)
    {
        for (var i = 0; i < Count; i++)
        {
            if (ServerAddress(i) == serverAddress)
            {
                return i;
            }
        }

        return null;
    }

    private void Launch(int index)
    {
        var arguments = new List<string>
        {
            "-server", "-bootstrap-expect", Count.ToString(CultureInfo.InvariantCulture), "-data-dir", _dataDirs[index],
            "-node", NodeName(index),
        };
        for (var i = 0; i < Count; i++)
        {
            arguments.Add("-retry-join");
            arguments.Add(ServerAddress(i));
        }

        if (_extraConfigHcl is not null)
        {
            var configFile = Path.Combine(_root, $"s{index}.hcl");
            File.WriteAllText(configFile, _extraConfigHcl);
            arguments.Add("-config-file");
            arguments.Add(configFile);
        }

        _servers[index] = ParleyProcess.StartAgent(_ports[index], [.. arguments]);
    }
}
