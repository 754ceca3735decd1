using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Parley.Proxy.Gateway;

/// <summary>
/// Reads the server name (SNI, RFC 6066) from the TLS ClientHello at the start of a connection without consuming it,
/// as Envoy's <c>tls_inspector</c> does for a mesh gateway. The ClientHello may be split over several TLS records
/// (RFC 8446 §5.1 lets a handshake message span records) and over several reads.
/// </summary>
/// <remarks>Pure and thread-safe. Anything that is not a well-formed ClientHello is <see cref="ClientHelloStatus.Invalid"/>.</remarks>
public static class ClientHelloReader
{
    /// <summary>
    /// The largest ClientHello accepted (Envoy's <c>max_client_hello_size</c> default, 64 KiB); a longer one is refused
    /// rather than buffered.
    /// </summary>
    public const int MaxClientHelloSize = 64 * 1024;

    private const byte HandshakeRecord = 22;
    private const byte ClientHelloMessage = 1;
    private const int RecordHeaderSize = 5;
    private const int HandshakeHeaderSize = 4;
    private const int MaxRecordPayload = (1 << 14) + 2048;
    private const ushort ServerNameExtension = 0;
    private const byte HostNameType = 0;
    private const int MaxHostNameLength = 253;

    /// <summary>Reads what <paramref name="buffer"/> (the connection's bytes so far) says.</summary>
    /// <param name="buffer">The bytes from the start of the connection.</param>
    /// <param name="serverName">The host name, when the status is <see cref="ClientHelloStatus.ServerName"/>.</param>
    public static ClientHelloStatus TryRead(ReadOnlySequence<byte> buffer, out string? serverName)
    {
        serverName = null;
        return Reassemble(buffer, out var message) ?? ParseClientHello(message, out serverName);
    }

    // Joins the payloads of the leading handshake records until the ClientHello message is complete (null), or says why not.
    private static ClientHelloStatus? Reassemble(ReadOnlySequence<byte> buffer, out byte[] message)
    {
        message = [];
        var reader = new SequenceReader<byte>(buffer);
        var collected = new ArrayBufferWriter<byte>();
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        while (true)
        {
            if (!reader.TryCopyTo(header))
            {
                return reader.Remaining == 0 || PlausibleRecordStart(reader.UnreadSequence)
                    ? ClientHelloStatus.Incomplete
                    : ClientHelloStatus.Invalid;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
            if (header[0] != HandshakeRecord || header[1] != 3 || length == 0 || length > MaxRecordPayload)
            {
                return ClientHelloStatus.Invalid;
            }

            reader.Advance(RecordHeaderSize);
            var available = (int)Math.Min(reader.Remaining, length);
            var payload = collected.GetSpan(available)[..available];
            reader.TryCopyTo(payload);
            collected.Advance(available);
            reader.Advance(available);

            var written = collected.WrittenSpan;
            if (written.Length >= HandshakeHeaderSize)
            {
                if (written[0] != ClientHelloMessage)
                {
                    return ClientHelloStatus.Invalid;
                }

                var messageLength = (written[1] << 16) | (written[2] << 8) | written[3];
                if (messageLength + HandshakeHeaderSize > MaxClientHelloSize)
                {
                    return ClientHelloStatus.Invalid;
                }

                if (written.Length >= messageLength + HandshakeHeaderSize)
                {
                    message = written.Slice(HandshakeHeaderSize, messageLength).ToArray();
                    return null;
                }
            }

            if (available < length)
            {
                return ClientHelloStatus.Incomplete;
            }
        }
    }

    // A partial record header is worth waiting for only if what is there could start a handshake record.
    private static bool PlausibleRecordStart(ReadOnlySequence<byte> rest)
    {
        Span<byte> head = stackalloc byte[2];
        var length = (int)Math.Min(rest.Length, head.Length);
        rest.Slice(0, length).CopyTo(head);
        return head[0] == HandshakeRecord && (length < 2 || head[1] == 3);
    }

    // RFC 8446 §4.1.2 (and RFC 5246 §7.4.1.2): version, random, session id, cipher suites, compression methods, extensions.
    private static ClientHelloStatus ParseClientHello(ReadOnlySpan<byte> hello, out string? serverName)
    {
        serverName = null;
        var at = 2 + 32;
        if (hello.Length < at + 1 || hello[0] != 3)
        {
            return ClientHelloStatus.Invalid;
        }

        if (!Skip8(hello, ref at, maxLength: 32) || !Skip16(hello, ref at, minLength: 2) || !Skip8(hello, ref at, minLength: 1))
        {
            return ClientHelloStatus.Invalid;
        }

        if (at == hello.Length)
        {
            // No extensions at all (allowed before TLS 1.3): no SNI.
            return ClientHelloStatus.NoServerName;
        }

        if (!Block16(hello, ref at, out var extensions) || at != hello.Length)
        {
            return ClientHelloStatus.Invalid;
        }

        var status = ClientHelloStatus.NoServerName;
        var e = 0;
        while (e < extensions.Length)
        {
            if (extensions.Length - e < 4)
            {
                return ClientHelloStatus.Invalid;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(extensions[e..]);
            e += 2;
            if (!Block16(extensions, ref e, out var body))
            {
                return ClientHelloStatus.Invalid;
            }

            if (type == ServerNameExtension)
            {
                if (status != ClientHelloStatus.NoServerName)
                {
                    // A repeated extension is a protocol error (RFC 8446 §4.2).
                    return ClientHelloStatus.Invalid;
                }

                status = ReadServerName(body, out serverName);
                if (status == ClientHelloStatus.Invalid)
                {
                    return status;
                }
            }
        }

        return status;
    }

    // RFC 6066 §3: a list of (name_type, name); the host_name entry is an ASCII DNS name without a trailing dot.
    private static ClientHelloStatus ReadServerName(ReadOnlySpan<byte> body, out string? serverName)
    {
        serverName = null;
        var at = 0;
        if (!Block16(body, ref at, out var list) || at != body.Length || list.Length == 0)
        {
            return ClientHelloStatus.Invalid;
        }

        var i = 0;
        while (i < list.Length)
        {
            var type = list[i++];
            if (!Block16(list, ref i, out var name))
            {
                return ClientHelloStatus.Invalid;
            }

            if (type != HostNameType || serverName is not null)
            {
                continue;
            }

            if (name.Length == 0 || name.Length > MaxHostNameLength || !IsHostName(name))
            {
                return ClientHelloStatus.Invalid;
            }

            serverName = Encoding.ASCII.GetString(name);
        }

        return serverName is null ? ClientHelloStatus.NoServerName : ClientHelloStatus.ServerName;
    }

    private static bool IsHostName(ReadOnlySpan<byte> name)
    {
        foreach (var c in name)
        {
            var ok = c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_';
            if (!ok)
            {
                return false;
            }
        }

        return name[^1] != (byte)'.';
    }

    private static bool Skip8(ReadOnlySpan<byte> data, ref int at, int minLength = 0, int maxLength = 255)
    {
        if (at >= data.Length)
        {
            return false;
        }

        var length = data[at];
        if (length < minLength || length > maxLength || data.Length - at - 1 < length)
        {
            return false;
        }

        at += 1 + length;
        return true;
    }

    private static bool Skip16(ReadOnlySpan<byte> data, ref int at, int minLength) =>
        Block16(data, ref at, out var block) && block.Length >= minLength;

    private static bool Block16(ReadOnlySpan<byte> data, ref int at, out ReadOnlySpan<byte> block)
    {
        block = default;
        if (data.Length - at < 2)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        if (data.Length - at - 2 < length)
        {
            return false;
        }

        block = data.Slice(at + 2, length);
        at += 2 + length;
        return true;
    }
}
