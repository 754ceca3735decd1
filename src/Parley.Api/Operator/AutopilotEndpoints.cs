using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.Go;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Operator;

/// <summary>
/// <c>/v1/operator/autopilot/configuration|health|state</c>. The configuration is stored and answered as Consul's (one
/// replicated value, check-and-set by <c>?cas</c>); Parley's Raft layer does not act on it yet. Health and state report
/// the Raft configuration's servers with what the cluster knows of each: a server is healthy while its
/// <c>serfHealth</c> check passes (Parley's liveness signal for servers), and the cluster while every voter is.
/// </summary>
internal static class AutopilotEndpoints
{
    private const string Key = "autopilot-config";

    public static void Map(RouteTable routes) => routes
        .Get("/v1/operator/autopilot/configuration", GetConfigurationAsync, AclCheck.Read(AclResource.Operator))
        .Put("/v1/operator/autopilot/configuration", PutConfigurationAsync, AclCheck.Write(AclResource.Operator))
        .Get("/v1/operator/autopilot/health", HealthAsync, AclCheck.Read(AclResource.Operator))
        .Get("/v1/operator/autopilot/state", StateAsync, AclCheck.Read(AclResource.Operator));

    private static async Task GetConfigurationAsync(ApiContext api)
    {
        var stored = await api.QueryAsync(s => new QueryResult<SystemValue?>(s.GetSystemValue(Key), s.TableIndex(Tables.System(Key))));
        await api.WriteJsonAsync(Configuration(stored));
    }

    private static async Task PutConfigurationAsync(ApiContext api)
    {
        long? cas = null;
        if (api.QueryValue("cas") is { } rawCas)
        {
            cas = long.TryParse(rawCas, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
                ? c
                : throw ApiException.BadRequest($"Error parsing cas value: strconv.ParseUint: parsing \"{rawCas}\": invalid syntax");
        }

        JsonObject body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(api.Http.Request.Body, ApiJson.Request, api.Aborted)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Error parsing autopilot config: " + e.Message);
        }

        var config = Parse(body);
        var existing = api.Store.Current.GetSystemValue(Key);
        var createIndex = existing?.Value["CreateIndex"]?.GetValue<long>() ?? 0;
        config["CreateIndex"] = createIndex;
        var result = await api.ApplyAsync(new SetSystemValue(Key, config, cas ?? existing?.ModifyIndex ?? 0));

        // Without ?cas a lost race with another write is retried by the client's next call; Consul answers true then too.
        await api.WriteJsonAsync(cas is null || result.Value is true);
    }

    /// <summary>Reads Consul's fields (durations as Go strings), keeping Consul's default for each one left out.</summary>
    private static JsonObject Parse(JsonObject body)
    {
        JsonNode? Field(string name) => body.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var defaults = Defaults();
        foreach (var name in new[] { "CleanupDeadServers", "DisableUpgradeMigration" })
        {
            if (Field(name) is { } v)
            {
                defaults[name] = v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? v.GetValue<bool>()
                    : throw ApiException.BadRequest($"Error parsing autopilot config: {name} must be true or false");
            }
        }

        foreach (var name in new[] { "MaxTrailingLogs", "MinQuorum" })
        {
            if (Field(name) is { } v)
            {
                defaults[name] = v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is >= 0 and <= long.MaxValue and var n
                    && n == Math.Floor(n)
                    ? (long)n
                    : throw ApiException.BadRequest($"Error parsing autopilot config: {name} must be a whole number, not negative");
            }
        }

        foreach (var name in new[] { "LastContactThreshold", "ServerStabilizationTime" })
        {
            if (Field(name) is { } v)
            {
                defaults[name] = v.GetValueKind() == JsonValueKind.String
                    && GoDuration.TryParse(v.GetValue<string>(), out var d, out var error)
                    ? GoDuration.Format(d)
                    : throw ApiException.BadRequest($"Error parsing autopilot config: {name}: " + (v.GetValueKind() == JsonValueKind.String
                        ? "invalid duration"
                        : "must be a duration string such as \"200ms\""));
            }
        }

        foreach (var name in new[] { "RedundancyZoneTag", "UpgradeVersionTag" })
        {
            if (Field(name) is { } v)
            {
                defaults[name] = v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : throw ApiException.BadRequest($"Error parsing autopilot config: {name} must be a string");
            }
        }

        return defaults;
    }

    private static JsonObject Defaults() => new()
    {
        ["CleanupDeadServers"] = true,
        ["LastContactThreshold"] = "200ms",
        ["MaxTrailingLogs"] = 250,
        ["MinQuorum"] = 0,
        ["ServerStabilizationTime"] = "10s",
        ["RedundancyZoneTag"] = "",
        ["DisableUpgradeMigration"] = false,
        ["UpgradeVersionTag"] = "",
    };

    private static JsonObject Configuration(SystemValue? stored)
    {
        var config = stored?.Value.DeepClone().AsObject() ?? Defaults();
        var modify = stored?.ModifyIndex ?? 0;
        var create = config["CreateIndex"]?.GetValue<long>() is > 0 and var c ? c : modify;
        config.Remove("CreateIndex");
        config["CreateIndex"] = create;
        config["ModifyIndex"] = modify;
        return config;
    }

    private static Task HealthAsync(ApiContext api)
    {
        var (servers, tolerance) = Servers(api);
        var healthy = servers.All(s => s.Healthy);
        return api.WriteJsonAsync(
            new
            {
                Healthy = healthy,
                FailureTolerance = tolerance,
                Servers = servers.Select(s => new
                {
                    s.ID,
                    s.Name,
                    s.Address,
                    SerfStatus = s.Status,
                    s.Version,
                    s.Leader,
                    s.LastContact,
                    s.LastTerm,
                    s.LastIndex,
                    s.Healthy,
                    s.Voter,
                    s.StableSince,
                }),
            },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status429TooManyRequests);
    }

    private static Task StateAsync(ApiContext api)
    {
        var (servers, tolerance) = Servers(api);
        return api.WriteJsonAsync(new
        {
            Healthy = servers.All(s => s.Healthy),
            FailureTolerance = tolerance,
            OptimisticFailureTolerance = tolerance,
            Servers = servers.ToDictionary(s => s.ID, s => new
            {
                s.ID,
                s.Name,
                s.Address,
                NodeStatus = s.Status,
                s.Version,
                s.LastContact,
                s.LastTerm,
                s.LastIndex,
                s.Healthy,
                s.StableSince,
                ReadReplica = false,
                Status = s.Leader ? "leader" : s.Voter ? "voter" : "non-voter",
                Meta = new { },
                NodeType = "voter",
            }),
            Leader = servers.FirstOrDefault(s => s.Leader)?.ID ?? "",
            Voters = servers.Where(s => s.Voter).Select(s => s.ID),
        });
    }

    /// <summary>Each server of the Raft configuration with its catalog node and health, and the failure tolerance.</summary>
    private static (List<ServerHealth> Servers, int Tolerance) Servers(ApiContext api)
    {
        var configuration = api.Http.RequestServices.GetRequiredService<IRaftOperator>().GetConfiguration();
        var snapshot = api.Store.Current;
        var status = api.Replicator.Status;
        var servers = configuration.Servers.Select(server =>
        {
            var node = OperatorEndpoints.FindServerNode(snapshot, server.Address);
            var serf = node is null ? null : snapshot.GetCheck(node.Name, Agent.ServerService.SerfCheckId);
            var alive = serf?.Status == HealthStatus.Passing;
            var self = node?.Name == api.Agent.NodeName;
            return new ServerHealth(
                node?.ID ?? server.Address, node?.Name ?? "(unknown)", server.Address, alive ? "alive" : "failed",
                node?.Meta.GetValueOrDefault("consul-version") ?? api.Agent.Version, server.Leader,
                GoDuration.Format(server.Leader ? TimeSpan.Zero : self ? status.LastContact : TimeSpan.Zero),
                0, self || server.Leader ? snapshot.Index : 0, alive, server.Voter,
                "0001-01-01T00:00:00Z");
        }).ToList();
        var voters = servers.Count(s => s.Voter);
        var healthyVoters = servers.Count(s => s.Voter && s.Healthy);
        return (servers, Math.Max(0, healthyVoters - (voters / 2 + 1)));
    }

    private sealed record ServerHealth(
        string ID, string Name, string Address, string Status, string Version, bool Leader, string LastContact, long LastTerm,
        long LastIndex, bool Healthy, bool Voter, string StableSince);
}
