using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// A stand-in for a mesh gateway's pass-through chains (consul-mesh §4, the peering control plane): reads the TLS
/// ClientHello's SNI without terminating TLS and relays the untouched bytes to the address routed for that name.
/// Connections with an unknown or missing SNI are closed. Records every SNI it saw.
/// </summary>
internal sealed class SniRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public SniRelay()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The relay's <c>host:port</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The SNIs of the connections relayed, in order.</summary>
    public ConcurrentQueue<string> Relayed { get; } = new();

    /// <summary>Sends connections for <paramref name="sni"/> to <paramref name="target"/> (<c>host:port</c>).</summary>
    public void Route(string sni, string target) => _routes[sni] = target;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        try
        {
            var inbound = client.GetStream();
            var (hello, sni) = await ReadClientHelloAsync(inbound, _stop.Token);
            if (sni is null || !_routes.TryGetValue(sni, out var target))
            {
                return;
            }

            Relayed.Enqueue(sni);
            var colon = target.LastIndexOf(':');
            using var server = new TcpClient();
            await server.ConnectAsync(
                target[..colon],
                int.Parse(target[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture),
                _stop.Token);
            var outbound = server.GetStream();
            await outbound.WriteAsync(hello, _stop.Token);
            var up = PumpAsync(inbound, outbound, server.Client);
            var down = PumpAsync(outbound, inbound, client.Client);
            await Task.WhenAll(up, down);
        }
        catch (Exception e)
            when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException
            or ArgumentOutOfRangeException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }

            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            toSocket.Close();
        }
    }

    /// <summary>Reads the first TLS record (the ClientHello) and the <c>server_name</c> extension in it.</summary>
    private static async Task<(byte[] Hello, string? Sni)> ReadClientHelloAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, cancellationToken);
        if (header[0] != 0x16)
        {
            throw new InvalidDataException("not a TLS handshake");
        }

        var record = new byte[5 + BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(3))];
        header.CopyTo(record, 0);
        await stream.ReadExactlyAsync(record.AsMemory(5), cancellationToken);
        return (record, Sni(record.AsSpan(5)));
    }

    private static string? Sni(ReadOnlySpan<byte> handshake)
    {
        // Handshake type (1) + length (3), client version (2), random (32), then the variable-length fields.
        var at = 4 + 2 + 32;
        at += 1 + handshake[at];
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(handshake[at..]);
        at += 1 + handshake[at];
        var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(handshake[at..]);
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(handshake[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(handshake[(at + 2)..]);
            if (type == 0)
            {
                // server_name: list length (2), name type (1), name length (2), name.
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(handshake[(at + 4 + 3)..]);
                return Encoding.ASCII.GetString(handshake.Slice(at + 4 + 5, nameLength));
            }

            at += 4 + length;
        }

        return null;
    }
}
