using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Http;
using Parley.Core.ConfigEntries;
using Parley.Core.Go;

namespace Parley.Api.Config;

/// <summary>The request parts the config-entry handlers share: kind and name from the path, <c>?cas</c>, Consul's texts.</summary>
internal static class ConfigEntryRequests
{
    /// <summary>Consul's prefix for a body that is not a config entry.</summary>
    public const string DecodeErrorPrefix = "Request decoding failed: ";

    private static readonly JsonDocumentOptions BodyOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Reads the body as a JSON object, keeping its keys exactly as sent: the config-entry decoder matches them
    /// case-insensitively itself and reports the ones it does not know by their spelling. Anything else is a 400
    /// with Consul's prefix.
    /// </summary>
    public static async Task<JsonObject> ReadObjectAsync(ApiContext api)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(api.Http.Request.Body, documentOptions: BodyOptions, cancellationToken: api.Aborted);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(DecodeErrorPrefix + e.Message);
        }

        return node switch
        {
            JsonObject obj => obj,
            null => [],
            _ => throw ApiException.BadRequest(
                $"{DecodeErrorPrefix}json:" +
                    $" cannot unmarshal {node.GetValueKind().ToString().ToLowerInvariant()} into Go value of type map[" +
                    $"string]interface {{}}"),
        };
    }

    /// <summary>
    /// The <c>{**name}</c> path value. Consul splits the path at the first <c>/</c> only, so a name may contain
    /// slashes; an escaped slash (<c>%2F</c>, which the server leaves encoded in the path) counts as one too.
    /// </summary>
    public static string Name(ApiContext api) =>
        api.Route("name").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses a kind Parley does not know with a 400 (<c>invalid config entry kind: K</c>).</summary>
    public static void RequireKnownKind(string kind)
    {
        if (!ConfigEntryKinds.IsKnown(kind))
        {
            throw ApiException.BadRequest($"invalid config entry kind: {kind}");
        }
    }

    /// <summary>The <c>?cas=N</c> index, or null when absent; a value that is not an unsigned integer is a 400.</summary>
    public static long? Cas(ApiContext api)
    {
        var raw = api.QueryValue("cas");
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var cas)
            ? cas
            : throw ApiException.BadRequest($"strconv.ParseUint: parsing {GoQuote.Quote(raw)}: invalid syntax");
    }
}
