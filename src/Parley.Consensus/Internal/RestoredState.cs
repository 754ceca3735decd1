using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Consensus.Internal;

/// <summary>
/// Re-stamps a restored state with the log index of the restore entry, so the state machine's index keeps moving forward
/// with the log: later entries apply (the state machine skips entries at or below its index) and blocking queries wake.
/// </summary>
/// <remarks>
/// The state machine's snapshot is otherwise opaque here. Parley's (<c>Parley.State</c>'s <c>SnapshotDocument</c>) is
/// a JSON object whose top-level <c>Index</c> is the applied index and whose <c>TableIndexes</c> map tables to their
/// last-change index; both are set to the restore entry's index (every table changed there). Anything that is not such
/// a document is restored unchanged.
/// TODO(#6): replace with an index argument on IReplicatedStateMachine.RestoreSnapshotAsync when Parley.State grows one.
/// </remarks>
internal static class RestoredState
{
    public static byte[] AtIndex(ReadOnlyMemory<byte> state, long index)
    {
        JsonObject? document;
        try
        {
            document = JsonNode.Parse(state.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return state.ToArray();
        }

        if (document is null || document["Index"] is not JsonValue)
        {
            return state.ToArray();
        }

        document["Index"] = index;
        if (document["TableIndexes"] is JsonObject tables)
        {
            foreach (var name in tables.Select(t => t.Key).ToList())
            {
                tables[name] = index;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(document);
    }
}
