using System.Buffers;
using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Parley.Proxy.Tests.Support;

/// <summary>Real ClientHellos, as <see cref="SslStream"/> sends them, and ways to cut them up and craft variants.</summary>
internal static class ClientHellos
{
    /// <summary>The first flight of an <see cref="SslStream"/> client handshake toward <paramref name="targetHost"/>.</summary>
    public static async Task<byte[]> CaptureAsync(string targetHost, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        var transport = new CapturingStream();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var tls = new SslStream(transport, leaveInnerStreamOpen: true);
        var handshake = tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, _, _, _) => false,
            },
            stop.Token);
        var hello = await transport.FirstWrite.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        try
        {
            await handshake;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or AuthenticationException)
        {
            // The handshake was only started to see what it sends.
        }

        return hello;
    }

    /// <summary>The same handshake message re-framed as TLS records of at most <paramref name="fragment"/> payload bytes each.</summary>
    public static byte[] Refragment(byte[] records, int fragment)
    {
        var payload = new List<byte>();
        var at = 0;
        while (at + 5 <= records.Length)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(records.AsSpan(at + 3));
            payload.AddRange(records.AsSpan(at + 5, length).ToArray());
            at += 5 + length;
        }

        return Frame(payload.ToArray(), fragment, records[1], records[2]);
    }

    /// <summary>
    /// A minimal TLS 1.2 ClientHello in one record: one cipher suite, null compression, and the given extensions
    /// (type, body) in order; null extensions leaves the extensions block out entirely.
    /// </summary>
    public static byte[] Craft(params (ushort Type, byte[] Body)[]? extensions)
    {
        var hello = new List<byte> { 3, 3 };
        hello.AddRange(new byte[32]);
        hello.Add(0);
        hello.AddRange([0, 2, 0x13, 0x01]);
        hello.AddRange([1, 0]);
        if (extensions is not null)
        {
            var block = new List<byte>();
            foreach (var (type, body) in extensions)
            {
                block.AddRange(U16(type));
                block.AddRange(U16(body.Length));
                block.AddRange(body);
            }

            hello.AddRange(U16(block.Count));
            hello.AddRange(block);
        }

        var message = new List<byte> { 1, 0, (byte)(hello.Count >> 8), (byte)hello.Count };
        message.AddRange(hello);
        return Frame(message.ToArray(), 1 << 14, 3, 1);
    }

    /// <summary>A <c>server_name</c> extension body with the given (type, name) entries.</summary>
    public static (ushort, byte[]) ServerName(params (byte Type, string Name)[] names)
    {
        var list = new List<byte>();
        foreach (var (type, name) in names)
        {
            list.Add(type);
            list.AddRange(U16(name.Length));
            list.AddRange(Encoding.Latin1.GetBytes(name));
        }

        return (0, [.. U16(list.Count), .. list]);
    }

    /// <summary>A sequence of several segments, cut at the given sizes.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] data, int segment)
    {
        Segment? first = null;
        Segment? last = null;
        for (var at = 0; at < data.Length; at += segment)
        {
            var chunk = data.AsMemory(at, Math.Min(segment, data.Length - at));
            if (last is null)
            {
                first = last = new Segment(chunk, 0);
            }
            else
            {
                last = last.Append(chunk);
            }
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private static byte[] Frame(byte[] payload, int fragment, byte major, byte minor)
    {
        var records = new List<byte>();
        for (var at = 0; at < payload.Length; at += fragment)
        {
            var length = Math.Min(fragment, payload.Length - at);
            records.AddRange([22, major, minor, .. U16(length)]);
            records.AddRange(payload.AsSpan(at, length).ToArray());
        }

        return records.ToArray();
    }

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    // Keeps what the TLS client writes first; reads wait until the handshake is cancelled.
    private sealed class CapturingStream : Stream
    {
        private readonly TaskCompletionSource<byte[]> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<byte[]> FirstWrite => _first.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _first.TrySetResult(buffer.AsSpan(offset, count).ToArray());

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _first.TrySetResult(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
