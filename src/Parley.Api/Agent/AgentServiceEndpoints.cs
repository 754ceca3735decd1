using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.State.Store;

namespace Parley.Api.Agent;

/// <summary>
/// <c>/v1/agent/services</c> and <c>/v1/agent/service/:id</c>: this agent's services with central config merged into
/// their Proxy blocks, the second blocking on a content hash (<c>?hash=</c>) or an index (<c>?index=</c>).
/// </summary>
internal static class AgentServiceEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/services", ServicesAsync, AclCheck.Filtered("service:read on each service"))
        .Get("/v1/agent/service/{id}", ServiceAsync, AclCheck.InHandler("service:read on the service, on every wake-up"));

    private static Task ServicesAsync(ApiContext api)
    {
        var filter = api.Filter<AgentServiceJson>();
        var snapshot = api.Store.Current;
        var lookup = new SnapshotConfigLookup(snapshot);
        var services = api.Readable(
            snapshot.NodeServices(api.Agent.NodeName), (a, s) => a.Allows(AclResource.Service, AclAccess.Read, s.Service))
            .Where(s => s.ID != ServerService.ServiceId)
            .Select(s => AgentServiceJson.From(s, ProxyConfigResolver.Resolve(s, lookup), api.Agent.Datacenter))
            .Where(filter)
            .ToDictionary(s => s.ID);
        api.WriteMeta(snapshot.TableIndex(Tables.Services));
        return api.WriteJsonAsync(services);
    }

    /// <summary>
    /// One service. With <c>?hash=</c> it answers once the content hash differs from the one given (or the wait ends);
    /// with <c>?index=</c> once the service or the proxy-defaults/service-defaults entries change past that index. Both
    /// wake on config entry changes, since they change the merged Proxy block.
    /// </summary>
    private static async Task ServiceAsync(ApiContext api)
    {
        var id = api.Route("id");
        var hash = api.QueryValue("hash");
        var options = api.Query;
        var blocking = !string.IsNullOrEmpty(hash) || options.Index > 0;
        var stopping = api.Services.Stopping;
        var budget = options.Wait is { } w && w > TimeSpan.Zero
            ? (w > BlockingQuery.MaxWait ? BlockingQuery.MaxWait : w)
            : BlockingQuery.DefaultWait;
        using var timeout = new CancellationTokenSource(budget, api.TimeProvider);
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping, api.Aborted);
        while (true)
        {
            var next = api.Store.NextChange;
            var (view, index) = Read(api, api.Store.Current, id);
            var changed = !string.IsNullOrEmpty(hash) ? view?.ContentHash != hash : index > options.Index;
            if (!blocking || changed || view is null)
            {
                Answer(api, view, index, id);
                await api.WriteJsonAsync(view);
                return;
            }

            try
            {
                await next.WaitAsync(waitEnds.Token);
            }
            catch (OperationCanceledException) when (!api.Aborted.IsCancellationRequested)
            {
                Answer(api, view, index, id);
                await api.WriteJsonAsync(view);
                return;
            }
        }
    }

    private static (AgentServiceJson? View, long Index) Read(ApiContext api, StateSnapshot snapshot, string id)
    {
        var index = Math.Max(
            snapshot.TableIndex(Tables.ConfigKind(ConfigEntryKinds.ProxyDefaults)),
            snapshot.TableIndex(Tables.ConfigKind(ConfigEntryKinds.ServiceDefaults)));
        if (id == ServerService.ServiceId || snapshot.GetService(api.Agent.NodeName, id) is not { } service)
        {
            return (null, Math.Max(index, snapshot.TableIndex(Tables.Services)));
        }

        api.Authorize(AclResource.Service, AclAccess.Read, service.Service);
        var resolved = ProxyConfigResolver.Resolve(service, new SnapshotConfigLookup(snapshot));
        return (AgentServiceJson.From(service, resolved, api.Agent.Datacenter).WithContentHash(), Math.Max(index, service.ModifyIndex));
    }

    private static void Answer(ApiContext api, AgentServiceJson? view, long index, string id)
    {
        if (view is null)
        {
            throw ApiException.NotFound($"unknown service ID: {id}");
        }

        api.WriteMeta(index);
        api.Http.Response.Headers["X-Consul-ContentHash"] = view.ContentHash;
    }
}
