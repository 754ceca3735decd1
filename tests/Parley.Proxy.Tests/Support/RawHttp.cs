using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// HTTP/1.1 by hand over one socket, for what HttpClient does not let a test do: pipelining, HTTP/1.0, malformed and
/// oversized heads, and seeing exactly how a response is framed and whether the connection closes.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        return new RawHttp(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes) =>
        await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(Bound, TestContext.Current.CancellationToken);

    /// <summary>
    /// Reads one response: status, fields (names lower-cased, repeated ones joined), the de-chunked body, and whether it came chunked.
    /// </summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        var status = await ReadLineAsync() ?? throw new IOException("closed before a response");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await ReadLineAsync(); !string.IsNullOrEmpty(line); line = await ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        var code = int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var chunked = headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var body = new MemoryStream();
        if (chunked)
        {
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync())!.Split(';')[0], 16);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(await ReadLineAsync()))
                    {
                    }

                    break;
                }

                body.Write(await ReadExactlyAsync(size));
                await ReadLineAsync();
            }
        }
        else if (headers.TryGetValue("content-length", out var length))
        {
            body.Write(await ReadExactlyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (code is >= 200 and not 204 and not 304)
        {
            // Neither length nor chunks: the body runs until the server closes.
            body.Write(await ReadToEndAsync());
        }

        return new RawResponse(code, headers, body.ToArray(), chunked);
    }

    /// <summary>True when the server closes the connection (after whatever it still had to send) within the bound.</summary>
    public async Task<bool> ClosedAsync()
    {
        try
        {
            while (true)
            {
                if (_start < _end)
                {
                    _start = _end;
                }

                if (await FillAsync() == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Every byte until the server closes (or the bound passes).</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var all = new MemoryStream();
        try
        {
            while (true)
            {
                all.Write(_buffer, _start, _end - _start);
                _start = _end;
                if (await FillAsync() == 0)
                {
                    return all.ToArray();
                }
            }
        }
        catch (IOException)
        {
            return all.ToArray();
        }
    }

    public void Dispose() => _stream.Dispose();

    private async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            if (await FillAsync() == 0)
            {
                return null;
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var at = 0;
        while (at < count)
        {
            if (_start == _end && await FillAsync() == 0)
            {
                throw new IOException($"closed after {at} of {count} body bytes");
            }

            var take = Math.Min(count - at, _end - _start);
            Array.Copy(_buffer, _start, result, at, take);
            (_start, at) = (_start + take, at + take);
        }

        return result;
    }

    private async Task<int> FillAsync()
    {
        if (_start == _end)
        {
            (_start, _end) = (0, 0);
        }
        else if (_end == _buffer.Length)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            (_start, _end) = (0, _end - _start);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
        _end += read;
        return read;
    }
}

/// <summary>A response read by <see cref="RawHttp"/>.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool Chunked)
{
    public string Text => Encoding.UTF8.GetString(Body);
}
