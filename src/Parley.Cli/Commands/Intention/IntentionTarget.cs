using System.Text.Json.Nodes;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// Source and destination names as the intention commands take and print them. A source may name a peer: with
/// <c>-source-peer PEER</c>, as <c>PEER/name</c>, or as the API's <c>peer:PEER/name</c>; Parley has only the default
/// namespace, so <c>default/name</c> is Consul's namespace form and any other <c>X/name</c> is a peer's service.
/// </summary>
internal static class IntentionTarget
{
    private const string PeerPrefix = "peer:";

    /// <summary>
    /// The source as the API takes it (<c>name</c> or <c>peer:PEER/name</c>), or null after printing why
    /// <paramref name="input"/> and <paramref name="sourcePeer"/> do not go together.
    /// </summary>
    public static string? Source(string input, string? sourcePeer, CliContext context)
    {
        var (peer, name) = SplitPeer(input);
        if (sourcePeer is { Length: > 0 })
        {
            if (peer.Length > 0 && peer != sourcePeer)
            {
                context.Error.WriteLine($"Error: the source {input} names peer {peer} but -source-peer is {sourcePeer}");
                return null;
            }

            peer = sourcePeer;
        }

        return peer.Length == 0 ? name : $"{PeerPrefix}{peer}/{name}";
    }

    /// <summary>The API form of a source given positionally, without <c>-source-peer</c>.</summary>
    public static string Source(string input)
    {
        var (peer, name) = SplitPeer(input);
        return peer.Length == 0 ? name : $"{PeerPrefix}{peer}/{name}";
    }

    /// <summary>
    /// How a legacy intention's source prints: <c>name</c>, <c>ns/name</c> off the default namespace, <c>peer:PEER/name</c>.
    /// </summary>
    public static string SourceOf(JsonObject intention)
    {
        var name = Part(intention, "SourceNS", "SourceName");
        return (string?)intention["SourcePeer"] is { Length: > 0 } peer ? $"{PeerPrefix}{peer}/{name}" : name;
    }

    /// <summary>How a legacy intention's destination prints.</summary>
    public static string DestinationOf(JsonObject intention) => Part(intention, "DestinationNS", "DestinationName");

    /// <summary>Consul's <c>Intention.String()</c>: <c>web =&gt; db (allow)</c>, with a peer's source named.</summary>
    public static string Describe(JsonObject intention)
    {
        var action = (string?)intention["Action"] is { Length: > 0 } a ? a : "L7";
        return $"{SourceOf(intention)} => {DestinationOf(intention)} ({action})";
    }

    private static string Part(JsonObject intention, string nsField, string nameField)
    {
        var ns = (string?)intention[nsField] ?? "";
        var name = (string?)intention[nameField] ?? "";
        return ns is "" or "default" ? name : $"{ns}/{name}";
    }

    // `peer:PEER/name`, `PEER/name` (any first part but the default namespace) or a plain name.
    private static (string Peer, string Name) SplitPeer(string input)
    {
        if (input.StartsWith(PeerPrefix, StringComparison.Ordinal) && input.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            return (input[PeerPrefix.Length..slash], input[(slash + 1)..]);
        }

        var parts = input.Split('/');
        return parts.Length == 2 && parts[0] is not ("" or "default") ? (parts[0], parts[1]) : ("", input);
    }
}
