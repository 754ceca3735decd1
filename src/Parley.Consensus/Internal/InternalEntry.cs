namespace Parley.Consensus.Internal;

/// <summary>
/// Log entries the consensus layer writes for itself, next to the state machine's commands. A command is JSON and so
/// starts with <c>{</c>; an internal entry starts with a zero byte and a kind byte.
/// </summary>
internal static class InternalEntry
{
    private const byte Marker = 0;
    private const byte RestoreKind = (byte)'R';

    /// <summary>An entry that replaces the whole state with <paramref name="state"/> (a snapshot restore).</summary>
    public static byte[] Restore(ReadOnlySpan<byte> state)
    {
        var payload = new byte[state.Length + 2];
        payload[0] = Marker;
        payload[1] = RestoreKind;
        state.CopyTo(payload.AsSpan(2));
        return payload;
    }

    /// <summary>Whether <paramref name="payload"/> is a restore entry; <paramref name="state"/> is then the state to restore.</summary>
    public static bool IsRestore(ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> state)
    {
        var span = payload.Span;
        if (span.Length >= 2 && span[0] == Marker && span[1] == RestoreKind)
        {
            state = payload[2..];
            return true;
        }

        state = default;
        return false;
    }
}
