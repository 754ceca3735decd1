using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Parley.Consensus.Internal.Transport;

/// <summary>
/// Opens DotNext's outgoing Raft connections: a TCP connection to the other server's port that starts with
/// <see cref="Preamble.Raft"/>, then is handed to DotNext as a pipe-based connection.
/// </summary>
internal sealed class RaftConnectionFactory(SocketConnectionContextFactory contexts) : IConnectionFactory
{
    private static readonly byte[] RaftPreamble = [Preamble.Raft];

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = await ServerPortSocket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(RaftPreamble, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return contexts.Create(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
