using System.IO.Pipelines;
using System.Net.Sockets;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// A keep-alive HTTP/1.1 connection the proxy opened (mTLS to another proxy, or cleartext to the local application),
/// read and written through pipes over its stream.
/// </summary>
/// <remarks>Used by one request at a time; pooled between requests by <see cref="Http1ConnectionPool"/>.</remarks>
internal sealed class UpstreamConnection : IAsyncDisposable
{
    // Sized for a TLS record: a response head and a small body arrive in one read.
    private const int BufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly Socket _socket;
    private int _disposed;

    /// <summary>Wraps an open connection; it owns <paramref name="stream"/> (and so <paramref name="socket"/>).</summary>
    public UpstreamConnection(Stream stream, Socket socket)
    {
        _stream = stream;
        _socket = socket;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: 2048, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
    }

    /// <summary>What the server sends.</summary>
    public PipeReader Input { get; }

    /// <summary>What goes to the server.</summary>
    public PipeWriter Output { get; }

    /// <summary>True once it has carried a request and come back from the pool (the server may have closed it meanwhile).</summary>
    public bool Reused { get; set; }

    /// <summary>When it went back to the pool (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long IdleSince { get; set; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// False when the server has closed it or sent something unasked while it was idle. Asks the kernel (a poll), so
    /// only worth it after a pause: under load, connections come back within milliseconds.
    /// </summary>
    public bool LooksAlive()
    {
        try
        {
            return !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes at once (a failed exchange; pending reads and writes fail).</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _stream.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }
}
