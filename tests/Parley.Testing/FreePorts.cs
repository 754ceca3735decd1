using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Testing;

/// <summary>
/// Finds loopback ports nobody listens on, for servers whose port must be known before they bind. Test projects run in
/// parallel processes, so a port handed out is also claimed on disk (one file per port naming the claiming process)
/// and no other live test process is handed it while this one runs.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];
    private static readonly string Claims = Path.Combine(Path.GetTempPath(), "parley-test-ports");
    private static readonly int Self = Environment.ProcessId;

    /// <summary>A port that was free a moment ago and has not been handed out in this or another live test process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Handed)
            {
                if (Handed.Add(port) && Claim(port))
                {
                    return port;
                }
            }
        }
    }

    // True when this process now owns the port's claim: the file was absent, or its owner has exited.
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
            if (!int.TryParse(File.ReadAllText(path), out var pid) || pid == Self)
            {
                // Unreadable means another process is writing its claim this very moment.
                return true;
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
