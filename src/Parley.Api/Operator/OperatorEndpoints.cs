using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Store;

namespace Parley.Api.Operator;

/// <summary>
/// Handlers of <c>/v1/operator/raft/*</c>, <c>/v1/snapshot</c> and <c>/v1/agent/leave</c>: looking at and changing the
/// set of servers, saving and restoring the state.
/// </summary>
internal static class OperatorEndpoints
{
    // Consul reports raft protocol 3 for servers identified by node ID.
    private const string RaftProtocol = "3";

    // Consul's Snapshot permission is acl:write (a snapshot holds every token's secret).
    private static readonly AclCheck SnapshotCheck = AclCheck.Write(AclResource.Acl);

    public static void Map(RouteTable routes) => routes
        .Get("/v1/operator/raft/configuration", ConfigurationAsync, AclCheck.Read(AclResource.Operator))
        .Delete("/v1/operator/raft/peer", RemovePeerAsync, AclCheck.Write(AclResource.Operator))
        .Post("/v1/operator/raft/transfer-leader", TransferLeaderAsync, AclCheck.Write(AclResource.Operator))
        .Get("/v1/snapshot", SaveSnapshotAsync, SnapshotCheck)
        .Put("/v1/snapshot", RestoreSnapshotAsync, SnapshotCheck)
        .Put("/v1/agent/leave", LeaveAsync, AclCheck.Agent(AclAccess.Write));

    private static Task ConfigurationAsync(ApiContext api)
    {
        var configuration = Operator(api).GetConfiguration();
        var snapshot = api.Store.Current;
        var servers = configuration.Servers.Select(server =>
        {
            var node = FindServerNode(snapshot, server.Address);
            return new RaftServerResponse(node?.ID ?? server.Address, node?.Name ?? "(unknown)", server.Address, server.Leader,
                RaftProtocol, server.Voter);
        }).ToList();
        api.WriteMeta(configuration.Index);
        return api.WriteJsonAsync(new RaftConfigurationResponse(servers, configuration.Index));
    }

    private static async Task RemovePeerAsync(ApiContext api)
    {
        var address = api.QueryValue("address");
        var id = api.QueryValue("id");
        if (string.IsNullOrEmpty(address) && string.IsNullOrEmpty(id))
        {
            throw ApiException.BadRequest("Must specify either ?id with the server's ID or ?address with IP:port of peer to remove");
        }

        if (string.IsNullOrEmpty(address))
        {
            var snapshot = api.Store.Current;
            address = Operator(api).GetConfiguration().Servers
                .FirstOrDefault(
                    s => string.Equals(FindServerNode(snapshot, s.Address)?.ID, id, StringComparison.OrdinalIgnoreCase))?.Address
                ?? throw ApiException.BadRequest($"id \"{id}\" was not found in the Raft configuration");
        }

        await Operator(api).RemovePeerAsync(address, api.Aborted);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Consul's <c>{"Success": true}</c> once the leader has stepped down. Parley's Raft library elects the successor by a
    /// normal election and cannot hand leadership to a chosen server, so <c>?id=</c> is refused rather than ignored.
    /// </summary>
    private static async Task TransferLeaderAsync(ApiContext api)
    {
        if (api.QueryValue("id") is { Length: > 0 } id)
        {
            throw ApiException.BadRequest(
                $"Failed to transfer Leader: transferring to a chosen server (id \"{id}\") is not supported;" +
                    $" leave out ?id and the other servers elect a new leader");
        }

        await Operator(api).TransferLeadershipAsync(api.Aborted);
        await api.WriteJsonAsync(new { Success = true });
    }

    private static async Task SaveSnapshotAsync(ApiContext api)
    {
        // The archive is built first so its index can go in the headers.
        using var archive = new MemoryStream();
        var index = await Operator(api).SaveSnapshotAsync(archive, api.Query.Stale, api.Aborted);
        api.WriteMeta(index);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
        api.Http.Response.ContentType = "application/x-gzip";
        api.Http.Response.ContentLength = archive.Length;
        archive.Position = 0;
        await archive.CopyToAsync(api.Http.Response.Body, api.Aborted);
    }

    private static async Task RestoreSnapshotAsync(ApiContext api)
    {
        // Kestrel caps bodies at 30 MB by default; a snapshot may be larger. The consensus layer enforces its own bound.
        if (api.Http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await Operator(api).RestoreSnapshotAsync(api.Http.Request.Body, api.Aborted);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task LeaveAsync(ApiContext api)
    {
        await Operator(api).LeaveAsync(api.Aborted);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;

        // Stop once this answer is on its way; the host's shutdown stops the listeners and flushes the log.
        var lifetime = api.Http.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        api.Http.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
    }

    private static IRaftOperator Operator(ApiContext api) => api.Http.RequestServices.GetRequiredService<IRaftOperator>();

    // Servers register themselves in the catalog as the service "consul" on their server port (see ServerService).
    internal static Node? FindServerNode(StateSnapshot snapshot, string address)
    {
        if (!TrySplit(address, out var host, out var port))
        {
            return null;
        }

        foreach (var service in snapshot.ServiceInstances(Agent.ServerService.ServiceId))
        {
            if (service.Port != port || snapshot.GetNode(service.Node) is not { } node)
            {
                continue;
            }

            var serviceHost = string.IsNullOrEmpty(service.Address) ? node.Address : service.Address;
            if (string.Equals(serviceHost, host, StringComparison.OrdinalIgnoreCase))
            {
                return node;
            }
        }

        return null;
    }

    private static bool TrySplit(string address, out string host, out int port)
    {
        if (IPEndPoint.TryParse(address, out var ip) && address.Contains(':', StringComparison.Ordinal))
        {
            host = ip.Address.ToString();
            port = ip.Port;
            return true;
        }

        var colon = address.LastIndexOf(':');
        host = colon > 0 ? address[..colon] : "";
        return int.TryParse(colon > 0 ? address[(colon + 1)..] : "", NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }

    private sealed record RaftConfigurationResponse(IReadOnlyList<RaftServerResponse> Servers, long Index);

    private sealed record RaftServerResponse(string ID, string Node, string Address, bool Leader, string ProtocolVersion, bool Voter);
}
