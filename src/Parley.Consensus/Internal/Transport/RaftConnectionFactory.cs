using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Parley.Consensus.Internal.Transport;

/// <summary>
/// Opens DotNext's outgoing Raft connections: a connection to the other server's port that starts with
/// <see cref="Preamble.Raft"/> (inside TLS when configured), handed to DotNext as a pipe-based connection.
/// </summary>
internal sealed class RaftConnectionFactory(SocketConnectionContextFactory contexts, ServerPortTls? tls) : IConnectionFactory
{
    private static readonly byte[] RaftPreamble = [Preamble.Raft];

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (tls is { VerifyOutgoing: true })
        {
            var (socket, stream) = await ServerPortSocket.OpenAsync(endpoint, Preamble.Raft, tls, cancellationToken).ConfigureAwait(false);
            return new StreamConnection(stream, null, socket.LocalEndPoint, socket.RemoteEndPoint);
        }

        var plain = await ServerPortSocket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            await plain.SendAsync(RaftPreamble, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return contexts.Create(plain);
        }
        catch
        {
            plain.Dispose();
            throw;
        }
    }
}
