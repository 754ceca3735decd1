using System.Buffers.Binary;
using System.Text.Json;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// One message of the server RPC: a 4-byte big-endian header length, a 4-byte big-endian body length, the header (the
/// message's small fields as JSON) and the body (its bulk bytes, raw: <see cref="IRpcMessage{TSelf}.Body"/>).
/// </summary>
/// <remarks>
/// The body is never base64 inside JSON: a forwarded command costs its own bytes, and a 512 MiB snapshot restore does
/// not grow by a third nor pass through a JSON reader.
/// </remarks>
internal static class RpcFrame
{
    /// <summary>The largest body accepted: big enough for a snapshot restore, small enough to refuse garbage.</summary>
    public const int MaxLength = 512 * 1024 * 1024;

    /// <summary>The largest header accepted (a few addresses and names; server lists of a large cluster fit easily).</summary>
    public const int MaxHeaderLength = 1024 * 1024;

    private const int PrefixLength = 8;

    // Below this the body is copied next to the header so the frame leaves in one write (one segment on the wire).
    private const int CopyBodyBelow = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static async ValueTask WriteAsync<T>(Stream stream, T message, CancellationToken cancellationToken)
        where T : class, IRpcMessage<T>
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var body = message.Body ?? [];
        var inline = body.Length < CopyBodyBelow;
        var frame = new byte[PrefixLength + header.Length + (inline ? body.Length : 0)];
        BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), body.Length);
        header.CopyTo(frame, PrefixLength);
        if (inline)
        {
            body.CopyTo(frame, PrefixLength + header.Length);
        }

        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        if (!inline)
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one message; <see langword="null"/> when the other side closed the connection between messages.</summary>
    /// <exception cref="InvalidDataException">The frame is too large, cut short or not the expected JSON.</exception>
    public static async ValueTask<T?> ReadAsync<T>(Stream stream, CancellationToken cancellationToken)
        where T : class, IRpcMessage<T>
    {
        var prefix = new byte[PrefixLength];
        var read = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < prefix.Length)
        {
            throw new InvalidDataException("the connection closed inside a frame header");
        }

        var headerLength = BinaryPrimitives.ReadInt32BigEndian(prefix);
        var bodyLength = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(4));
        if (headerLength is < 0 or > MaxHeaderLength || bodyLength is < 0 or > MaxLength)
        {
            throw new InvalidDataException($"frame lengths {headerLength}+{bodyLength} are out of range");
        }

        var header = await ReadExactlyAsync(stream, headerLength, cancellationToken).ConfigureAwait(false);
        var body = bodyLength == 0 ? null : await ReadExactlyAsync(stream, bodyLength, cancellationToken).ConfigureAwait(false);
        T message;
        try
        {
            message = JsonSerializer.Deserialize<T>(header, Json) ?? throw new InvalidDataException("empty frame");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the frame is not a valid message: " + e.Message, e);
        }

        return message.WithBody(body);
    }

    private static async ValueTask<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await stream.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read < length ? throw new InvalidDataException("the connection closed inside a frame") : buffer;
    }
}
