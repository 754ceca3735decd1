namespace Parley.State.Store;

/// <summary>Names of the per-table indexes that blocking queries watch.</summary>
public static class Tables
{
    public const string Nodes = "nodes";
    public const string Services = "services";
    public const string Checks = "checks";
    public const string ConfigEntries = "config-entries";
    public const string Peerings = "peerings";
    public const string TrustBundles = "peering-trust-bundles";
    public const string AclTokens = "acl-tokens";
    public const string AclPolicies = "acl-policies";
    public const string AclRoles = "acl-roles";

    /// <summary>The KV table: moves on every KV write. Key and prefix reads answer their own range's index instead.</summary>
    public const string Kvs = "kvs";
    public const string Sessions = "sessions";

    /// <summary>The prepared queries: moves on every create, update and delete (and when a session's end deletes some).</summary>
    public const string PreparedQueries = "prepared-queries";

    /// <summary>The index of one system value.</summary>
    public static string System(string key) => "system:" + key;

    /// <summary>The index of one service name's instances and their health, per peer ("" = local).</summary>
    public static string Service(string peer, string name) => "service:" + Keys.ServiceName(peer, name);

    /// <summary>
    /// The index of the instances of one non-typical service kind (<c>mesh-gateway</c>, <c>connect-proxy</c>, ...) and
    /// their health, per peer: what a watcher of "every mesh gateway" blocks on.
    /// </summary>
    public static string ServiceKind(string peer, string kind) => "kind:" + Keys.ServiceKind(peer, kind);

    /// <summary>The index of one config entry kind.</summary>
    public static string ConfigKind(string kind) => "config:" + kind;
}
