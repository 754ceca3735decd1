using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Parley.Dns.Wire;

/// <summary>
/// Answers one datagram: writes the reply into the writer's buffer and returns its length, or 0 when there is nothing to
/// send now (the handler sends later itself, through <see cref="DnsUdpServer.SendTo"/>).
/// </summary>
internal delegate int DnsDatagramHandler(ReadOnlySpan<byte> datagram, SocketAddress from, DnsWireWriter writer);

/// <summary>
/// UDP on the DNS port: one socket and one blocking receive loop per core, each with its own buffers, so a query costs
/// a receive, the handler and a send, with no task, event or allocation in between (the model of unbound and CoreDNS's
/// UDP servers). Closing the socket ends the loops.
/// </summary>
internal sealed class DnsUdpServer : IDisposable
{
    private readonly Socket _socket;
    private readonly DnsDatagramHandler _handler;
    private readonly ILogger _logger;
    private readonly Thread[] _loops;
    private volatile bool _stopping;

    /// <summary>A server for <paramref name="endpoint"/>; nothing is bound until <see cref="Start"/>.</summary>
    public DnsUdpServer(IPEndPoint endpoint, DnsDatagramHandler handler, ILogger logger)
    {
        Endpoint = endpoint;
        _handler = handler;
        _logger = logger;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _loops = [.. Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(i => new Thread(Receive)
        {
            IsBackground = true,
            Name = $"parley-dns-udp-{i}",
        })];
    }

    /// <summary>The address the server listens on.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Binds the port and starts the loops.</summary>
    public void Start()
    {
        _socket.Bind(Endpoint);
        foreach (var loop in _loops)
        {
            loop.Start();
        }
    }

    /// <summary>Sends a reply that was computed off the loops (a forwarded question's answer).</summary>
    public void SendTo(ReadOnlySpan<byte> reply, SocketAddress to)
    {
        try
        {
            _socket.SendTo(reply, SocketFlags.None, to);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client or the server went away: a DNS client retries on its own.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        foreach (var loop in _loops.Where(l => l.IsAlive))
        {
            loop.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void Receive()
    {
        var buffer = new byte[ushort.MaxValue];
        var writer = new DnsWireWriter();
        var from = new SocketAddress(Endpoint.AddressFamily, SocketAddress.GetMaximumAddressSize(Endpoint.AddressFamily));
        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (_stopping)
                {
                    return;
                }

                // An ICMP error for an earlier reply can surface here on some systems: the socket is still good.
                _logger.ServerError(e);
                continue;
            }

            var length = _handler(buffer.AsSpan(0, received), from, writer);
            if (length > 0)
            {
                SendTo(writer.Buffer.AsSpan(0, length), from);
            }
        }
    }
}
