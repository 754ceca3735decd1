using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using Parley.Core.Go;

namespace Parley.Core.Intentions;

/// <summary>Reads the legacy intention body that <c>POST /v1/connect/intentions</c> and the ID and exact writes take.</summary>
public static class LegacyIntentionCodec
{
    /// <summary>
    /// Decodes the body as Go's <c>encoding/json</c> does for Consul's <c>structs.Intention</c>: keys match
    /// case-insensitively, unknown keys and read-only fields (<c>Precedence</c>, <c>CreatedAt</c>, indexes) are ignored.
    /// </summary>
    /// <exception cref="ConfigEntryDecodeException">A field has the wrong type.</exception>
    public static Intention Decode(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = new DecodeContext();
        var r = new JsonFieldReader(body, "", context);
        var intention = new Intention
        {
            Id = r.String("ID"),
            Description = r.String("Description"),
            SourcePeer = r.String("SourcePeer"),
            SourceNamespace = Ns(r.String("SourceNS")),
            SourceName = r.String("SourceName"),
            DestinationNamespace = Ns(r.String("DestinationNS")),
            DestinationName = r.String("DestinationName"),
            SourcePartition = r.String("SourcePartition"),
            DestinationPartition = r.String("DestinationPartition"),
            SourceType = r.String("SourceType"),
            Action = r.String("Action"),
            Permissions = r.List("Permissions", ConfigEntryCodec.DecodePermission),
            Meta = r.StringMap("Meta"),
        };

        // Unknown keys are not an error here (Go's decoder ignores them); only type errors are.
        if (context.TypeErrors.Count > 0)
        {
            throw new ConfigEntryDecodeException(GoErrors.DecodingErrors(context.TypeErrors), context.TypeErrors);
        }

        return intention;
    }

    private static string Ns(string ns) => ns.Length == 0 ? "default" : ns;
}
