using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// The route set tokens, policies and roles share: <c>PUT {item}</c> create, <c>GET {item}/{id}</c> (and
/// <c>{item}/name/{name}</c>) read, <c>PUT {item}/{id}</c> update, <c>DELETE {item}/{id}</c>, <c>GET {list}</c>, each
/// needing <c>acl:read</c>/<c>acl:write</c> and answering <c>401 ACL support disabled</c> with ACLs off. A missing item
/// on read is Consul's <c>403 ACL not found</c>. What differs per kind (validation, filling, JSON) comes in as functions.
/// </summary>
/// <typeparam name="TItem">The stored item.</typeparam>
/// <typeparam name="TRequest">The request body of create and update.</typeparam>
/// <typeparam name="TJson">The answer for one item.</typeparam>
/// <typeparam name="TListJson">The answer for one row of the list.</typeparam>
internal sealed class AclCrudRoutes<TItem, TRequest, TJson, TListJson>
    where TItem : class
    where TRequest : class
{
    /// <summary>The item path, e.g. <c>/v1/acl/policy</c>.</summary>
    public required string Item { get; init; }

    /// <summary>The list path, e.g. <c>/v1/acl/policies</c>.</summary>
    public required string List { get; init; }

    /// <summary>Consul's text for a create or update without a body, e.g. <c>The policy must be provided in the body</c>.</summary>
    public required string MissingBody { get; init; }

    /// <summary>The table whose index answers reads.</summary>
    public required string Table { get; init; }

    /// <summary>Lookup for <c>{item}/{id}</c>, and for the answer after a write.</summary>
    public required Func<StateSnapshot, string, TItem?> ById { get; init; }

    /// <summary>Lookup for <c>{item}/name/{name}</c>; null for kinds without it (tokens).</summary>
    public Func<StateSnapshot, string, TItem?>? ByName { get; init; }

    /// <summary>The item to write for a create (a fresh ID) or an update of the stored item; throws Consul's 400 on bad input.</summary>
    public required Func<ApiContext, TItem?, TRequest, TItem> Fill { get; init; }

    /// <summary>The command that stores the item.</summary>
    public required Func<TItem, Command> Set { get; init; }

    /// <summary>The ID the stored item is found by after a write.</summary>
    public required Func<TItem, string> IdOf { get; init; }

    /// <summary>The command that deletes the item with the route's ID.</summary>
    public required Func<string, Command> Delete { get; init; }

    /// <summary>The answer for one item (the snapshot resolves linked names).</summary>
    public required Func<TItem, StateSnapshot, TJson> Json { get; init; }

    /// <summary>The list rows (the request's query may narrow them, as <c>?policy=</c> does for tokens).</summary>
    public required Func<ApiContext, StateSnapshot, List<TListJson>> Rows { get; init; }

    /// <summary>Validates an update's body against the route's ID and finds the stored item (Consul's texts).</summary>
    public required Func<ApiContext, string, TRequest, StateSnapshot, TItem> Existing { get; init; }

    /// <summary>
    /// Adds the routes; <paramref name="extra"/> routes that must match before <c>{id}</c> (such as <c>self</c>) go first.
    /// </summary>
    public void Map(RouteTable routes, Action<RouteTable>? extra = null)
    {
        routes.Put(Item, CreateAsync, AclCheck.Write(AclResource.Acl));
        extra?.Invoke(routes);
        if (ByName is not null)
        {
            routes.Get(Item + "/name/{name}", api => ReadOneAsync(api, s => ByName(s, api.Route("name"))), AclCheck.Read(AclResource.Acl));
        }

        routes
            .Get(Item + "/{id}", api => ReadOneAsync(api, s => ById(s, api.Route("id"))), AclCheck.Read(AclResource.Acl))
            .Put(Item + "/{id}", UpdateAsync, AclCheck.Write(AclResource.Acl))
            .Delete(Item + "/{id}", DeleteAsync, AclCheck.Write(AclResource.Acl))
            .Get(List, ListAsync, AclCheck.Read(AclResource.Acl));
    }

    /// <summary>Answers one item found by <paramref name="find"/>, or <c>403 ACL not found</c>.</summary>
    public async Task ReadOneAsync(ApiContext api, Func<StateSnapshot, TItem?> find)
    {
        AclEndpoints.RequireEnabled(api);
        var snapshot = api.Store.Current;
        var item = find(snapshot) ?? throw AclResolver.NotFound();
        api.WriteMeta(snapshot.TableIndex(Table));
        await api.WriteJsonAsync(Json(item, snapshot));
    }

    private async Task CreateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var request = await api.ReadBodyAsync<TRequest>(missingBodyError: MissingBody);
        await WriteAsync(api, Fill(api, null, request));
    }

    private async Task UpdateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var request = await api.ReadBodyAsync<TRequest>(missingBodyError: MissingBody);
        var existing = Existing(api, api.Route("id"), request, api.Store.Current);
        await WriteAsync(api, Fill(api, existing, request));
    }

    private async Task WriteAsync(ApiContext api, TItem item)
    {
        var result = await api.ApplyAsync(Set(item));
        var after = api.Store.Current;
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(Json(ById(after, IdOf(item)) ?? item, after));
    }

    private Task ListAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        return api.ReadAsync(s => new QueryResult<List<TListJson>>(Rows(api, s), s.TableIndex(Table)));
    }

    private async Task DeleteAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var result = await api.ApplyAsync(Delete(api.Route("id")));
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(true);
    }
}
