using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.State.Commands;

/// <summary>Encodes commands for the log and decodes them for apply. The one place the log format lives.</summary>
public static class CommandCodec
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Records keep their constructor parameter names; the wire stays stable if properties are reordered.
        PropertyNamingPolicy = null,
        AllowOutOfOrderMetadataProperties = true,
    };

    public static byte[] Encode(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return JsonSerializer.SerializeToUtf8Bytes(command, Options);
    }

    /// <summary>Decodes a log entry.</summary>
    /// <exception cref="CorruptCommandException">The bytes are not a command this version knows.</exception>
    public static Command Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Command>(payload, Options)
                ?? throw new CorruptCommandException("the log entry is empty (null)");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new CorruptCommandException(e.Message, e);
        }
    }
}

/// <summary>
/// A log entry that cannot be decoded: an unknown command type or a corrupt payload. Applying past it
/// would let this server diverge from the others, so the server stops (Consul panics for the same reason).
/// </summary>
public sealed class CorruptCommandException(string message, Exception? inner = null)
    : Exception($"cannot apply log entry: {message}", inner);
