using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Agent;
using Parley.Api.Http;
using Parley.Core.Go;
using Parley.Core.Kv;

namespace Parley.Api.Sessions;

/// <summary>
/// Decodes the body of <c>PUT /v1/session/create</c> as Consul's agent does: field names in any case, LockDelay as Go
/// duration text or a number (below 1000 meaning seconds), and its defaults — this agent's node, the node's
/// <c>serfHealth</c> check, a 15 s lock-delay, release — with the pre-1.7 <c>Checks</c> field still honoured.
/// </summary>
internal static class SessionRequests
{
    public static async Task<Session> ReadCreateAsync(ApiContext api, string id)
    {
        var session = new Session
        {
            ID = id,
            Node = api.Agent.NodeName,
            NodeChecks = [ServerService.SerfCheckId],
            LockDelay = SessionRules.DefaultLockDelay,
            Behavior = SessionRules.BehaviorRelease,
        };
        IReadOnlyList<string> legacyChecks = [ServerService.SerfCheckId];
        if (api.Http.Request.ContentLength is 0)
        {
            return session;
        }

        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(api.Http.Request.Body, ApiJson.Request, api.Aborted);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Request decode failed: " + e.Message);
        }

        if (body is null)
        {
            return session;
        }

        try
        {
            foreach (var (name, value) in body)
            {
                session = name.ToLowerInvariant() switch
                {
                    "id" => session,
                    "name" => session with { Name = Text(value) },
                    "node" => session with { Node = Text(value) },
                    "behavior" => session with { Behavior = Text(value) },
                    "ttl" => session with { TTL = Text(value) },
                    "lockdelay" => session with { LockDelay = LockDelay(value) },
                    "nodechecks" => session with { NodeChecks = Strings(value) },
                    "servicechecks"
                        => session with { ServiceChecks = value?.Deserialize<List<SessionServiceCheck>>(ApiJson.Request) ?? [] },
                    _ => session,
                };
                if (name.Equals("checks", StringComparison.OrdinalIgnoreCase))
                {
                    legacyChecks = Strings(value);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw ApiException.BadRequest("Request decode failed: " + e.Message);
        }

        return FixupChecks(session, legacyChecks);
    }

    /// <summary>
    /// Consul's <c>fixupEmptySessionChecks</c>: an empty <c>Checks</c> list empties the default NodeChecks (how clients
    /// before 1.7 asked for a session without serfHealth), an empty <c>NodeChecks</c> drops the default <c>Checks</c>,
    /// and other <c>Checks</c> count as node checks beside NodeChecks.
    /// </summary>
    private static Session FixupChecks(Session session, IReadOnlyList<string> legacyChecks)
    {
        if (legacyChecks.Count == 0)
        {
            return session with { NodeChecks = [] };
        }

        if ((legacyChecks.Count == 1 && legacyChecks[0] == ServerService.SerfCheckId) || session.NodeChecks.Count == 0)
        {
            return session;
        }

        return session with { NodeChecks = [.. session.NodeChecks.Concat(legacyChecks).Distinct(StringComparer.Ordinal)] };
    }

    private static string Text(JsonNode? value) => value?.GetValue<string>() ?? "";

    private static List<string> Strings(JsonNode? value) => value is JsonArray array ? [.. array.Select(Text)] : [];

    private static TimeSpan LockDelay(JsonNode? value)
    {
        if (value is null)
        {
            return TimeSpan.Zero;
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            var parsed = GoDuration.TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

            // Go's FixupLockDelay applies the seconds rule to text too: "15ns" becomes 15 s.
            return parsed.Ticks * 100 < 1000 ? TimeSpan.FromSeconds(parsed.Ticks * 100) : parsed;
        }

        return SessionRules.LockDelayFromNumber(value.GetValue<double>());
    }
}
