using System.Buffers.Binary;
using System.Text.Json;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// One message of the server RPC: a 4-byte big-endian length, then that many bytes of JSON
/// (<see cref="RpcRequest"/> or <see cref="RpcResponse"/>).
/// </summary>
internal static class RpcFrame
{
    /// <summary>The largest frame accepted: big enough for a snapshot restore, small enough to refuse garbage.</summary>
    public const int MaxLength = 512 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static async ValueTask WriteAsync<T>(Stream stream, T message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one message; <see langword="null"/> when the other side closed the connection between messages.</summary>
    /// <exception cref="InvalidDataException">The frame is too large, cut short or not the expected JSON.</exception>
    public static async ValueTask<T?> ReadAsync<T>(Stream stream, CancellationToken cancellationToken)
        where T : class
    {
        var header = new byte[4];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new InvalidDataException("the connection closed inside a frame header");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxLength)
        {
            throw new InvalidDataException($"frame length {length} is out of range");
        }

        var body = new byte[length];
        read = await stream.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < length)
        {
            throw new InvalidDataException("the connection closed inside a frame");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidDataException("empty frame");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the frame is not a valid message: " + e.Message, e);
        }
    }
}
