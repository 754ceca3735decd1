using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;

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
        + "mesh:write on proxy-defaults, mesh, exported-services");

    public static void RequireWrite(ApiContext api, string kind, string name)
    {
        switch (kind)
        {
            case ConfigEntryKinds.ServiceDefaults or ConfigEntryKinds.ServiceRouter or ConfigEntryKinds.ServiceSplitter or ConfigEntryKinds.ServiceResolver:
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
