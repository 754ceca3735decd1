using System.Text;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.ClusterBench;

/// <summary>N <c>etcd</c> members forming one static cluster on loopback, the anchor the Parley figures are compared to.</summary>
internal sealed class EtcdMembers : IAsyncDisposable
{
    private readonly string _root;
    private readonly ChildProcess[] _processes;

    private EtcdMembers(string root, ChildProcess[] processes, HttpClient[] clients)
    {
        _root = root;
        _processes = processes;
        Clients = clients;
    }

    /// <summary>One HTTP client per member, at its client URL (the v3 JSON gateway).</summary>
    public IReadOnlyList<HttpClient> Clients { get; }

    public static async Task<EtcdMembers> StartAsync(string executable, int count, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("etcd-bench-").FullName;
        var ports = Enumerable.Range(0, count).Select(_ => (Client: FreePorts.Next(), Peer: FreePorts.Next())).ToArray();
        var initialCluster = string.Join(',', ports.Select((p, i) => $"e{i}=http://127.0.0.1:{p.Peer}"));
        var processes = new ChildProcess[count];
        for (var i = 0; i < count; i++)
        {
            var client = $"http://127.0.0.1:{ports[i].Client}";
            var peer = $"http://127.0.0.1:{ports[i].Peer}";
            processes[i] = ChildProcess.Start(executable,
            [
                "--name", $"e{i}", "--data-dir", Path.Combine(root, $"e{i}"),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new", "--initial-cluster-token", "bench",
                "--logger", "zap", "--log-level", "warn",
            ], Path.Combine(root, $"e{i}.log"));
        }

        var clients = ports.Select(p => new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{p.Client}"),
            Timeout = TimeSpan.FromSeconds(30),
        })
            .ToArray();
        var members = new EtcdMembers(root, processes, clients);
        await members.LeaderAsync(cancellationToken);
        return members;
    }

    /// <summary>The index of the member that leads (asks each member's status until one says it is the leader).</summary>
    public async Task<int> LeaderAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            for (var i = 0; i < Clients.Count; i++)
            {
                try
                {
                    using var response = await Clients[i].PostAsync("/v3/maintenance/status", new StringContent("{}"), deadline.Token);
                    var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
                    var self = status?["header"]?["member_id"]?.ToString();
                    if (self is not null && self == status?["leader"]?.ToString())
                    {
                        return i;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not up yet.
                }
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>A put through the v3 JSON gateway (key and value base64); the same JSON bytes as Parley's write.</summary>
    public static HttpContent PutBody(string name)
    {
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("/bench/" + name));
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"Node":"{{name}}","Address":"10.0.0.1"}"""));
        return new StringContent($$"""{"key":"{{key}}","value":"{{value}}"}""", Encoding.UTF8, "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
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

    public static string Describe(string executable)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(executable, "--version")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n').FirstOrDefault()?.Trim() ?? "etcd";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "etcd (version unknown)";
        }
    }

}
