using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Testing;

namespace Parley.ClusterBench;

/// <summary>
/// N <c>parley agent -server</c> processes forming one cluster (<c>-bootstrap-expect N -retry-join ...</c>) on loopback,
/// each with its own data dir under one temporary folder; servers can be killed and started again.
/// </summary>
internal sealed class ParleyServers : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _root;
    private readonly ChildProcess?[] _processes;
    private readonly (int Http, int Server, int GrpcTls)[] _ports;

    private ParleyServers(string executable, int count)
    {
        _executable = executable;
        _root = Directory.CreateTempSubdirectory("parley-bench-").FullName;
        _processes = new ChildProcess?[count];
        _ports = [.. Enumerable.Range(0, count).Select(_ => (FreePorts.Next(), FreePorts.Next(), FreePorts.Next()))];
        Clients = [.. _ports.Select(p => new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{p.Http}"),
            Timeout = TimeSpan.FromSeconds(30),
        })];
    }

    public int Count => _processes.Length;

    /// <summary>One HTTP client per server (index = server).</summary>
    public IReadOnlyList<HttpClient> Clients { get; }

    public IEnumerable<int> Running => Enumerable.Range(0, Count).Where(i => _processes[i] is { HasExited: false });

    public string ServerAddress(int index) => "127.0.0.1:" + _ports[index].Server.ToString(CultureInfo.InvariantCulture);

    public static async Task<ParleyServers> StartAsync(string executable, int count, CancellationToken cancellationToken)
    {
        var servers = new ParleyServers(executable, count);
        for (var i = 0; i < count; i++)
        {
            servers.Launch(i);
        }

        await servers.WaitForLeaderAsync([.. servers.Running], TimeSpan.FromSeconds(60), cancellationToken);
        foreach (var i in servers.Running)
        {
            await servers.WaitUntilRegisteredAsync(i, cancellationToken);
        }

        return servers;
    }

    public async Task KillAsync(int index) => await _processes[index]!.KillAsync();

    public async Task RestartAsync(int index, CancellationToken cancellationToken)
    {
        if (_processes[index] is { } old)
        {
            await old.DisposeAsync();
        }

        Launch(index);
        await WaitUntilRegisteredAsync(index, cancellationToken);
    }

    /// <summary>Polls every 5 ms until all of <paramref name="among"/> name the same leader, one of them; returns it.</summary>
    public async Task<int> WaitForLeaderAsync(IReadOnlyList<int> among, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var seen = new List<string>();
            foreach (var i in among)
            {
                seen.Add(await LeaderSeenByAsync(i, deadline.Token));
            }

            if (seen.Distinct().Count() == 1
                && Enumerable.Range(0, Count).FirstOrDefault(i => ServerAddress(i) == seen[0], -1) is var leader
                && leader >= 0 && among.Contains(leader))
            {
                return leader;
            }

            await Task.Delay(5, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        foreach (var client in Clients)
        {
            client.Dispose();
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

    private async Task<string> LeaderSeenByAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(2));
            var text = await Clients[index].GetStringAsync("/v1/status/leader", quick.Token);
            return JsonSerializer.Deserialize<string>(text) ?? "";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "";
        }
    }

    // Ready: the server has a leader and its own catalog entry went through the log.
    private async Task WaitUntilRegisteredAsync(int index, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                var services = await Clients[index].GetStringAsync("/v1/catalog/services?stale", deadline.Token);
                if (services.Contains("\"consul\"", StringComparison.Ordinal) && await LeaderSeenByAsync(index, deadline.Token) != "")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    private void Launch(int index)
    {
        var (http, server, grpcTls) = _ports[index];
        var arguments = new List<string>
        {
            "agent", "-server", "-bootstrap-expect", Count.ToString(CultureInfo.InvariantCulture),
            "-data-dir", Path.Combine(_root, $"s{index}"), "-node", $"bench-{index}", "-log-level", "warn",
            "-http-port", http.ToString(CultureInfo.InvariantCulture), "-server-port", server.ToString(CultureInfo.InvariantCulture),
            "-grpc-port", "-1", "-grpc-tls-port", grpcTls.ToString(CultureInfo.InvariantCulture), "-dns-port", "-1",
        };
        for (var i = 0; Count > 1 && i < Count; i++)
        {
            arguments.Add("-retry-join");
            arguments.Add(ServerAddress(i));
        }

        var environment = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        }

        _processes[index] = ChildProcess.Start(_executable, arguments, Path.Combine(_root, $"s{index}.log"), environment);
    }

    /// <summary>The body of one write: a node never seen before (the smallest catalog write).</summary>
    public static HttpContent RegisterBody(string name)
        => new StringContent($$"""{"Node":"{{name}}","Address":"10.0.0.1"}""", Encoding.UTF8, "application/json");
}
