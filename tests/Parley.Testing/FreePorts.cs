using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Parley.Testing;

/// <summary>
/// Finds loopback ports nobody listens on, for servers whose port must be known before they bind. Ports come from a
/// range of the test assembly's own below 32768 (the kernel's ephemeral range starts there, so no outgoing connection
/// can take a port between this check and the server's bind, as it could when ports came from binding port 0), handed
/// out in turn so a port comes back only after the whole range, and only when nothing listens on it. Two runs of the
/// same assembly at once are kept apart by claims on disk (one file per port naming the claiming process).
/// </summary>
public static class FreePorts
{
    private static readonly string Claims = Path.Combine(Path.GetTempPath(), "parley-test-ports");
    private static readonly int Self = Environment.ProcessId;
    private static readonly (int First, int Count) Range = RangeOf(Assembly.GetEntryAssembly()?.GetName().Name);
    private static int _cursor = Random.Shared.Next(Range.Count);

    /// <summary>A port nothing listens on (TCP or UDP) and that no other live test process holds.</summary>
    public static int Next()
    {
        for (var tried = 0; tried < Range.Count; tried++)
        {
            var port = Range.First + (int)((uint)Interlocked.Increment(ref _cursor) % (uint)Range.Count);
            if (Free(port) && Claim(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port left in {Range.First}-{Range.First + Range.Count - 1}.");
    }

    // Each test assembly its own range, clear of the fixed ports of the acceptance scripts (peering walkthrough 11300-13600,
    // mesh walkthrough 4300-4600 and 14001-14443, 24001-24443), the client tests (17300-17600), the benchmarks (4700-4704,
    // 8080, 9090, 9191, 18500, 21500-28754), etcd (2379-2380) and the agent's default ports (8300-8600) and sidecar ports
    // (21000-21255).
    private static (int First, int Count) RangeOf(string? assembly) => assembly switch
    {
        "Parley.IntegrationTests" => (4705, 3300),
        "Parley.Cli.Tests" => (9200, 2000),
        "Parley.Proxy.Tests" => (15000, 1500),
        "Parley.Ui.Tests" => (19000, 1000),
        "Parley.Agent.Tests" => (20000, 1000),
        "Parley.Peering.Tests" => (29000, 1000),
        "Parley.Consensus.Tests" => (30000, 1000),
        "Parley.Client.Tests" => (31000, 500),
        _ => (31500, 1000),
    };

    private static bool Free(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // True when this process now owns the port's claim: the file was absent, its owner has exited, or it was ours already.
    private static bool Claim(int port)
    {
        Directory.CreateDirectory(Claims);
        var path = Path.Combine(Claims, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Self.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                if (Alive(path))
                {
                    return false;
                }

                File.Delete(path);
            }
        }

        return false;
    }

    private static bool Alive(string path)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(path), out var pid))
            {
                // Unreadable means another process is writing its claim this very moment.
                return true;
            }

            if (pid == Self)
            {
                // Ours from an earlier turn of the range: free again, since nothing listens on it.
                return false;
            }

            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
