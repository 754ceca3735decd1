using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;
using Parley.Core.ConfigEntries.Schema;

namespace Parley.Api.Config;

/// <summary>
/// What writing a config entry needs, by kind (Consul's <c>CanWrite</c>): <c>service:write</c> on the name for the
/// service-* chain and defaults entries, <c>intention:write</c> on the destination for service-intentions, and
/// <c>mesh:write</c> (which falls back to operator) for proxy-defaults, mesh, exported-services and anything else.
/// </summary>
internal static class ConfigEntryAcl
{
    /// <summary>The check the config write routes declare; the handler calls <see cref="RequireWrite"/> once it knows the kind.</summary>
    public static readonly AclCheck WriteCheck = AclCheck.InHandler(
        "by kind: service:write on service-defaults/router/splitter/resolver's name, intention:write on service-intentions' name, "
        + "mesh:write on every other kind (proxy-defaults, mesh, exported-services, gateways, routes, certificates, ...)");

    /// <summary>The check the config read route declares; the handler calls <see cref="RequireRead"/>.</summary>
    public static readonly AclCheck ReadCheck = AclCheck.InHandler(ReadRule);

    /// <summary>The config list route's decision: entries the token may not read are left out.</summary>
    public static readonly AclCheck ListCheck = AclCheck.Filtered(ReadRule);

    private const string ReadRule = "by kind (Consul's CanRead): service:read on service-defaults/router/splitter/resolver's name, "
        + "intention:read on service-intentions' name, service:read on a gateway's name, "
        + "none for proxy-defaults, mesh, sameness-group and control-plane-request-limit, mesh:read on the other kinds";

    /// <summary>Throws Consul's 403 unless the token may read the entry <paramref name="kind"/>/<paramref name="name"/>.</summary>
    public static void RequireRead(ApiContext api, string kind, string name)
    {
        if (ReadNeeds(kind, name) is { } needs)
        {
            api.Authorize(needs.Resource, AclAccess.Read, needs.Name);
        }
    }

    /// <summary>Whether the token may read the entry <paramref name="kind"/>/<paramref name="name"/>.</summary>
    public static bool MayRead(AclAuthorizer authorizer, string kind, string name) =>
        ReadNeeds(kind, name) is not { } needs || authorizer.Allows(needs.Resource, AclAccess.Read, needs.Name);

    /// <summary>What reading an entry needs; null for proxy-defaults and mesh, which Consul lets anyone read.</summary>
    private static (AclResource Resource, string Name)? ReadNeeds(string kind, string name) => kind switch
    {
        ConfigEntryKinds.ServiceDefaults or ConfigEntryKinds.ServiceRouter or ConfigEntryKinds.ServiceSplitter
            or ConfigEntryKinds.ServiceResolver => (AclResource.Service, name),
        ConfigEntryKinds.ServiceIntentions => (AclResource.Intention, name),
        ConfigEntryKinds.ProxyDefaults or ConfigEntryKinds.Mesh => null,
        _ when ConfigEntrySchemas.TryGet(kind, out var schema) => schema.ReadAccess switch
        {
            ConfigEntryAccess.ServiceName => (AclResource.Service, name),
            ConfigEntryAccess.Anyone => null,
            _ => (AclResource.Mesh, ""),
        },
        _ => (AclResource.Mesh, ""),
    };

    public static void RequireWrite(ApiContext api, string kind, string name)
    {
        switch (kind)
        {
            case ConfigEntryKinds.ServiceDefaults or ConfigEntryKinds.ServiceRouter or ConfigEntryKinds.ServiceSplitter
                or ConfigEntryKinds.ServiceResolver:
                api.Authorize(AclResource.Service, AclAccess.Write, name);
                break;
            case ConfigEntryKinds.ServiceIntentions:
                api.Authorize(AclResource.Intention, AclAccess.Write, name);
                break;
            default:
                api.Authorize(AclResource.Mesh, AclAccess.Write);
                break;
        }
    }
}
