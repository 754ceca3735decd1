using System.Net;
using System.Net.Sockets;

namespace Parley.Consensus.Internal.Transport;

/// <summary>Opens client sockets to another server's port.</summary>
internal static class ServerPortSocket
{
    /// <summary>Connects a TCP socket with Nagle off (Raft and RPC messages are small and latency-bound).</summary>
    public static async Task<Socket> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = endpoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
