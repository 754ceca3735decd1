using Parley.Api.Http;

namespace Parley.Api.Intentions;

/// <summary>
/// A source or destination as the intention endpoints take it: <c>name</c>, <c>namespace/name</c>,
/// <c>partition/namespace/name</c>, and for sources that may live in a peer <c>peer:PEER/name</c> or
/// <c>peer:PEER/namespace/name</c> (Consul's <c>parseIntentionStringComponent</c>).
/// </summary>
/// <param name="Peer">The peer, empty for a local service.</param>
/// <param name="Partition">The partition, empty when not given (Parley has only <c>default</c>).</param>
/// <param name="Namespace">The namespace, <c>default</c> when not given.</param>
/// <param name="Name">The service name (may be <c>*</c>).</param>
internal sealed record IntentionName(string Peer, string Partition, string Namespace, string Name)
{
    private const string PeerPrefix = "peer:";

    /// <summary>True when the partition is absent or the only one Parley has.</summary>
    public bool InDefaultPartition => Partition is "" or "default";

    /// <summary>
    /// Parses the query parameter <paramref name="parameter"/>; a bad value is a 400 naming it
    /// (<c>source "a/b/c/d" is invalid: input can contain at most two '/'</c>).
    /// </summary>
    public static IntentionName Parse(string parameter, string input, bool allowPeer)
    {
        if (input.StartsWith(PeerPrefix, StringComparison.Ordinal) && !allowPeer)
        {
            throw Invalid(parameter, input, "cannot specify a peer here");
        }

        var parts = input.Split('/');
        var peer = parts[0].StartsWith(PeerPrefix, StringComparison.Ordinal) ? parts[0][PeerPrefix.Length..] : null;
        return parts.Length switch
        {
            1 when peer is not null => throw Invalid(parameter, input, "need to specify the service name as well"),
            1 => new IntentionName("", "", "default", parts[0]),
            2 when peer is not null => new IntentionName(peer, "", "default", parts[1]),
            2 => new IntentionName("", "", parts[0], parts[1]),
            3 when peer is not null => new IntentionName(peer, "", parts[1], parts[2]),
            3 => new IntentionName("", parts[0], parts[1], parts[2]),
            _ => throw Invalid(parameter, input, "input can contain at most two '/'"),
        };
    }

    /// <summary>The single value of a required query parameter, or a 400 saying it is missing.</summary>
    public static string Required(ApiContext api, string parameter)
    {
        var values = api.Http.Request.Query[parameter];
        return values.Count == 1 && !string.IsNullOrEmpty(values[0])
            ? values[0]!
            : throw ApiException.BadRequest($"required query parameter '{parameter}' not set");
    }

    private static ApiException Invalid(string parameter, string input, string reason) =>
        ApiException.BadRequest($"{parameter} \"{input}\" is invalid: {reason}");
}
