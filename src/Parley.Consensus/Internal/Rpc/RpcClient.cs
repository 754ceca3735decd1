using System.Collections.Concurrent;
using System.Net.Sockets;
using Parley.Consensus.Internal.Transport;
using Parley.Core.Time;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// Calls other servers' RPC over their server port. Keeps a few idle connections per server; a connection carries one
/// call at a time, so concurrent calls use several connections.
/// </summary>
/// <remarks>Thread-safe. A call that fails or times out discards its connection (it may hold half a frame).</remarks>
internal sealed class RpcClient(ServerPortTls? tls, TimeProvider timeProvider) : IAsyncDisposable
{
    // Above the number of writes a follower has in flight to its leader at once (each holds a connection until its
    // commit): with 16, 32 concurrent writers opened and closed a connection on every other forwarded write.
    private const int MaxIdlePerServer = 256;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Connection>> _idle = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Sends <paramref name="request"/> to the server at <paramref name="address"/> and waits for its answer.</summary>
    /// <exception cref="ServerUnreachableException">The server could not be connected to; nothing was sent.</exception>
    /// <exception cref="IOException">The connection failed after the request was sent, or the answer was garbled.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task<RpcResponse> CallAsync(string address, RpcRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var deadline = new Deadline(timeout, timeProvider, cancellationToken);
        Connection? connection = null;
        try
        {
            connection = TakeIdle(address);
            if (connection is null)
            {
                try
                {
                    connection = await ConnectAsync(address, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
                {
                    throw new ServerUnreachableException($"cannot reach {address}: {e.Message}", e);
                }
                catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ServerUnreachableException($"cannot reach {address}: connecting timed out", e);
                }
            }

            await RpcFrame.WriteAsync(connection.Stream, request, deadline.Token).ConfigureAwait(false);
            var response = await RpcFrame.ReadAsync<RpcResponse>(connection.Stream, deadline.Token).ConfigureAwait(false)
                ?? throw new IOException($"{address} closed the connection without answering");
            ReturnIdle(address, connection);
            connection = null;
            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{address} did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot reach {address}: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new IOException($"bad answer from {address}: {e.Message}", e);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var queue in _idle.Values)
        {
            while (queue.TryDequeue(out var connection))
            {
                connection.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task<Connection> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        if (!ServerAddress.TryParse(address, out var endPoint))
        {
            throw new IOException($"'{address}' is not a server address");
        }

        var (socket, stream) = await ServerPortSocket.OpenAsync(endPoint, Preamble.Rpc, tls, cancellationToken).ConfigureAwait(false);
        return new Connection(socket, stream);
    }

    private Connection? TakeIdle(string address)
    {
        if (!_idle.TryGetValue(address, out var queue))
        {
            return null;
        }

        while (queue.TryDequeue(out var connection))
        {
            if (connection.IsUsable)
            {
                return connection;
            }

            connection.Dispose();
        }

        return null;
    }

    private void ReturnIdle(string address, Connection connection)
    {
        var queue = _idle.GetOrAdd(address, _ => new ConcurrentQueue<Connection>());
        if (_disposed || queue.Count >= MaxIdlePerServer)
        {
            connection.Dispose();
            return;
        }

        queue.Enqueue(connection);
    }

    private sealed class Connection(Socket socket, Stream stream) : IDisposable
    {
        public Stream Stream { get; } = stream;

        // An idle connection the other side closed (it restarted, or dropped us) reads as readable with nothing to read.
        public bool IsUsable
        {
            get
            {
                try
                {
                    return socket.Connected && !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return false;
                }
            }
        }

        public void Dispose() => Stream.Dispose();
    }
}
