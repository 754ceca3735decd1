using Parley.Api.Http;
using Parley.Core.Acl;

namespace Parley.Api.Acl;

/// <summary>
/// A route's ACL decision, declared next to the route in the route table: a permission checked before the handler
/// runs, a check the handler makes itself (when it depends on the body), or no check (with the reason). The route
/// table test lists every route without one (see docs/architecture/acl.md).
/// </summary>
public sealed class AclCheck
{
    private readonly Action<ApiContext>? _enforce;

    private AclCheck(string description, Action<ApiContext>? enforce)
    {
        Description = description;
        _enforce = enforce;
    }

    /// <summary>What is required, e.g. <c>peering:write</c>, <c>service:read on {service}</c> or <c>none: ...</c>.</summary>
    public string Description { get; }

    /// <summary><paramref name="resource"/>:read on an unnamed resource.</summary>
    public static AclCheck Read(AclResource resource) => Unnamed(resource, AclAccess.Read);

    /// <summary><paramref name="resource"/>:write on an unnamed resource.</summary>
    public static AclCheck Write(AclResource resource) => Unnamed(resource, AclAccess.Write);

    /// <summary><paramref name="access"/> on <paramref name="resource"/> named by the route value <paramref name="routeValue"/>.</summary>
    public static AclCheck Named(AclResource resource, AclAccess access, string routeValue) => new(
        $"{resource.Name()}:{access.Name()} on {{{routeValue}}}",
        api => api.Authorize(resource, access, api.Route(routeValue)));

    /// <summary><paramref name="access"/> on <c>agent</c>, named by this agent's node name (Consul's agent endpoints).</summary>
    public static AclCheck Agent(AclAccess access) => OnAgentNode(AclResource.Agent, access);

    /// <summary>
    /// <paramref name="access"/> on <paramref name="resource"/> named by this agent's node name (node maintenance: node:write).
    /// </summary>
    public static AclCheck OnAgentNode(AclResource resource, AclAccess access) => new(
        $"{resource.Name()}:{access.Name()} on this agent's node",
        api => api.Authorize(resource, access, api.Agent.NodeName));

    /// <summary>The handler checks (<paramref name="what"/>): the permission depends on the request body.</summary>
    public static AclCheck InHandler(string what) => new("in handler: " + what, null);

    /// <summary>
    /// The handler answers only what the token may read (<paramref name="what"/>), marking the answer with
    /// <c>X-Consul-Results-Filtered-By-ACLs</c> when it dropped something (<see cref="ApiContext.Readable{T}"/>).
    /// </summary>
    public static AclCheck Filtered(string what) => new("filtered: " + what, null);

    /// <summary>No permission is needed (<paramref name="why"/>).</summary>
    public static AclCheck None(string why) => new("none: " + why, null);

    /// <summary>Runs the check before the handler; a refusal throws Consul's 403.</summary>
    internal void Enforce(ApiContext api) => _enforce?.Invoke(api);

    private static AclCheck Unnamed(AclResource resource, AclAccess access) => new(
        $"{resource.Name()}:{access.Name()}",
        api => api.Authorize(resource, access));
}
