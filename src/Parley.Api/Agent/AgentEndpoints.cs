using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Agent;

/// <summary>Handlers of <c>/v1/agent/*</c>: this agent, its members, and the services and checks it owns.</summary>
internal static class AgentEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/self", SelfAsync, AclCheck.Agent(AclAccess.Read))
        .Get("/v1/agent/members", MembersAsync, AclCheck.Filtered("node:read on each member"))
        .Get("/v1/agent/checks", ChecksAsync, AclCheck.Filtered("service:read on a service's check, node:read on a node's check"))
        .Put(
            "/v1/agent/service/register",
            RegisterServiceAsync,
            AclCheck.InHandler("service:write on the service, its sidecar and a proxy's destination"))
        .Put("/v1/agent/service/deregister/{id}", DeregisterServiceAsync, AclCheck.InHandler("service:write on the service"))
        .Put("/v1/agent/check/register", RegisterCheckAsync, CheckWrite)
        .Put("/v1/agent/check/deregister/{id}", DeregisterCheckAsync, CheckWrite)
        .Put("/v1/agent/check/pass/{id}", api => TtlAsync(api, HealthStatus.Passing), CheckWrite)
        .Put("/v1/agent/check/warn/{id}", api => TtlAsync(api, HealthStatus.Warning), CheckWrite)
        .Put("/v1/agent/check/fail/{id}", api => TtlAsync(api, HealthStatus.Critical), CheckWrite)
        .Put("/v1/agent/check/update/{id}", UpdateTtlAsync, CheckWrite);

    private static readonly AclCheck CheckWrite = AclCheck.InHandler("service:write on the check's service, node:write for a node check");

    private static Task SelfAsync(ApiContext api)
    {
        var a = api.Agent;
        return api.WriteJsonAsync(new
        {
            Config = new
            {
                a.Datacenter,
                PrimaryDatacenter = a.Datacenter,
                a.NodeName,
                NodeID = a.NodeId,
                Partition = "",
                a.Server,
                Revision = Api.ParleyVersion.Revision,
                a.Version,
                BuildDate = "",
            },

            // A few of Consul's DebugConfig fields: what a proxy needs to decide calls no intention matches.
            DebugConfig = new
            {
                ACLsEnabled = a.AclsEnabled,
                ACLResolverSettings = new { ACLDefaultPolicy = a.AclDefaultPolicy },
                a.DefaultIntentionPolicy,
            },
            Member = Member(a),
            Meta = a.NodeMeta,
        });
    }

    private static Task MembersAsync(ApiContext api)
    {
        var member = Member(api.Agent);
        var filter = api.Filter(member.GetType());
        var readable = api.MayRead(a => a.Allows(AclResource.Node, AclAccess.Read, api.Agent.NodeName));
        return api.WriteJsonAsync(readable ? new[] { member }.Where(filter).ToList() : []);
    }

    /// <summary>This agent as Consul's serf member (role, dc and ports in the tags that tools read).</summary>
    internal static object Member(AgentInfo a) => new
    {
        Name = a.NodeName,
        Addr = a.AdvertiseAddress,
        Port = a.SerfLanPort,
        Tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["acls"] = "0",
            ["build"] = a.Version + ":" + Api.ParleyVersion.Revision,
            ["dc"] = a.Datacenter,
            ["id"] = a.NodeId,
            ["port"] = a.ServerPort.ToString(CultureInfo.InvariantCulture),
            ["raft_vsn"] = "3",
            ["role"] = a.Server ? "consul" : "node",
            ["segment"] = "",
            ["vsn"] = "2",
            ["vsn_max"] = "3",
            ["vsn_min"] = "2",
            ["grpc_port"] = a.GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["grpc_tls_port"] = a.GrpcTlsPort.ToString(CultureInfo.InvariantCulture),
        },
        Status = 1,
        ProtocolMin = 1,
        ProtocolMax = 5,
        ProtocolCur = 2,
        DelegateMin = 2,
        DelegateMax = 5,
        DelegateCur = 4,
    };

    private static Task ChecksAsync(ApiContext api)
    {
        var filter = api.Filter<HealthCheckJson>();
        var snapshot = api.Store.Current;
        var checks = api.Readable(snapshot.NodeChecks(api.Agent.NodeName), AgentCheckReadable)
            .Select(HealthCheckJson.From)
            .Where(filter)
            .ToDictionary(c => c.CheckID);
        api.WriteMeta(snapshot.TableIndex(Tables.Checks));
        return api.WriteJsonAsync(checks);
    }

    private static async Task RegisterServiceAsync(ApiContext api)
    {
        var registration = await api.ReadBodyAsync<AgentServiceRegistration>();
        await api.Http.RequestServices.GetRequiredService<LocalServices>().RegisterAsync(
            registration, (command, snapshot) => AclWrites.Require(api, command, snapshot), api.Aborted);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static Task DeregisterServiceAsync(ApiContext api) =>
        api.Http.RequestServices.GetRequiredService<LocalServices>().DeregisterAsync(
            api.Route("id"), (command, snapshot) => AclWrites.Require(api, command, snapshot), api.Aborted);

    private static async Task RegisterCheckAsync(ApiContext api)
    {
        var registration = await api.ReadBodyAsync<AgentCheckRegistration>();
        var check = AgentRegistration.Check(registration, api.Agent);
        if (check.ServiceID.Length > 0 && api.Store.Current.GetService(api.Agent.NodeName, check.ServiceID) is null)
        {
            throw ApiException.BadRequest($"ServiceID \"{check.ServiceID}\" does not exist");
        }

        var node = new Node { Name = api.Agent.NodeName, Address = api.Agent.AdvertiseAddress };
        var command = new RegisterCatalog(node, null, [check]) { SkipNodeUpdate = true };
        AclWrites.Require(api, command, api.Store.Current);
        await api.ApplyAsync(command);
        BeatTtls(api, [check]);
    }

    private static async Task DeregisterCheckAsync(ApiContext api)
    {
        var id = api.Route("id");
        if (api.Store.Current.GetCheck(api.Agent.NodeName, id) is null)
        {
            throw ApiException.NotFound($"Unknown check ID \"{id}\". Ensure that the check ID is passed, not the check name.");
        }

        var command = new DeregisterCatalog(api.Agent.NodeName, null, id);
        AclWrites.Require(api, command, api.Store.Current);
        await api.ApplyAsync(command);
    }

    private static Task TtlAsync(ApiContext api, string status) => SetTtlAsync(api, status, api.QueryValue("note") ?? "");

    private static async Task UpdateTtlAsync(ApiContext api)
    {
        var update = await api.ReadBodyAsync<CheckUpdateRequest>();
        var status = update.Status ?? "";
        if (!HealthStatus.IsValid(status))
        {
            // Consul's text quotes the status with single quotes here (agent_endpoint.go AgentCheckUpdate).
            throw ApiException.BadRequest($"Invalid check status: '{status}'");
        }

        await SetTtlAsync(api, status, update.Output ?? "");
    }

    private static async Task SetTtlAsync(ApiContext api, string status, string output)
    {
        var id = api.Route("id");
        var check = api.Store.Current.GetCheck(api.Agent.NodeName, id)
            ?? throw ApiException.NotFound($"Unknown check ID \"{id}\". Ensure that the check ID is passed, not the check name.");
        AclWrites.Require(api, new UpdateCheckStatus(api.Agent.NodeName, id, status, output), api.Store.Current);
        if (check.Type != "ttl")
        {
            throw ApiException.BadRequest($"CheckID \"{id}\" does not have associated TTL");
        }

        // Consul caps TTL output at 4 KiB by default (check_output_max_size).
        if (output.Length > 4096)
        {
            output = output[..4096] + " ... (captured 4096 of " + output.Length.ToString(CultureInfo.InvariantCulture) + " bytes)";
        }

        api.Http.RequestServices.GetRequiredService<TtlHeartbeats>().Beat(id);
        if (check.Status == status && check.Output == output)
        {
            // A heartbeat that changes nothing only resets the TTL; it costs no log entry (Consul's agent
            // likewise syncs only changes to the servers).
            return;
        }

        await api.ApplyAsync(new UpdateCheckStatus(api.Agent.NodeName, id, status, output));
    }

    /// <summary>
    /// Consul's agent shows a service's check to whoever may read the service, a node's check to whoever may read the node.
    /// </summary>
    private static bool AgentCheckReadable(AclAuthorizer authorizer, HealthCheck check) => check.ServiceName.Length > 0
        ? authorizer.Allows(AclResource.Service, AclAccess.Read, check.ServiceName)
        : authorizer.Allows(AclResource.Node, AclAccess.Read, check.Node);

    private static void BeatTtls(ApiContext api, IEnumerable<HealthCheck> checks)
    {
        var heartbeats = api.Http.RequestServices.GetRequiredService<TtlHeartbeats>();
        foreach (var check in checks.Where(c => c.Type == "ttl"))
        {
            heartbeats.Beat(check.CheckID);
        }
    }
}
