using System.Text.Json;
using Parley.State;

namespace Parley.Peering.Tracking;

/// <summary>
/// The leader query <c>peering/stream-status</c>: every stream the leader's <see cref="PeeringStreamTracker"/> knows,
/// keyed by local peering ID. Lets a follower answer <c>/v1/peering/:name</c> and <c>/v1/peerings</c> with the leader's
/// ACTIVE/FAILING and StreamStatus, as Consul does by forwarding those reads to the leader.
/// </summary>
/// <remarks>The request is ignored (empty). The answer is compact JSON; see <see cref="Encode"/> and <see cref="Decode"/>.</remarks>
public sealed class PeeringStreamStatusQuery(PeeringStreamTracker tracker) : ILeaderQuery
{
    /// <summary>The name the query is registered and asked by.</summary>
    public const string QueryName = "peering/stream-status";

    /// <inheritdoc/>
    public string Name => QueryName;

    /// <inheritdoc/>
    public ValueTask<byte[]> AnswerAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Encode(tracker.Snapshot()));

    /// <summary>The statuses as the query's answer.</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, PeeringStreamStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var copy = statuses as Dictionary<string, PeeringStreamStatus>
            ?? new Dictionary<string, PeeringStreamStatus>(statuses, StringComparer.Ordinal);
        return JsonSerializer.SerializeToUtf8Bytes(copy, PeeringStreamStatusJsonContext.Default.DictionaryStringPeeringStreamStatus);
    }

    /// <summary>The statuses in a query's answer.</summary>
    /// <exception cref="InvalidDataException">The answer is not what <see cref="Encode"/> writes.</exception>
    public static IReadOnlyDictionary<string, PeeringStreamStatus> Decode(ReadOnlySpan<byte> answer)
    {
        if (answer.IsEmpty)
        {
            return new Dictionary<string, PeeringStreamStatus>(StringComparer.Ordinal);
        }

        try
        {
            var statuses = JsonSerializer.Deserialize(answer, PeeringStreamStatusJsonContext.Default.DictionaryStringPeeringStreamStatus);
            return statuses is null
                ? new Dictionary<string, PeeringStreamStatus>(StringComparer.Ordinal)
                : new Dictionary<string, PeeringStreamStatus>(statuses, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The leader's peering stream statuses could not be read: " + e.Message, e);
        }
    }
}
