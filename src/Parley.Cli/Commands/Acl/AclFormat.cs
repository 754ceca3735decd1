using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// Consul's pretty layouts for tokens, policies and roles (command/acl/*/formatter.go), and its JSON (four-space indent).
/// </summary>
internal static class AclFormat
{
    private static readonly JsonSerializerOptions Indented = new(ParleyJson.Options) { WriteIndented = true, IndentSize = 4 };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented);

    public static string Token(ACLToken token, bool showMeta)
    {
        var text = new StringBuilder();
        text.Append("AccessorID:       ").Append(token.AccessorID).Append('\n');
        text.Append("SecretID:         ").Append(token.SecretID).Append('\n');
        text.Append("Description:      ").Append(token.Description).Append('\n');
        text.Append("Local:            ").Append(token.Local ? "true" : "false").Append('\n');
        text.Append("Create Time:      ").Append(GoTimeValue(token.CreateTime)).Append('\n');
        if (token.ExpirationTime is { } expires)
        {
            text.Append("Expiration Time:  ").Append(GoTimeValue(expires)).Append('\n');
        }

        if (showMeta)
        {
            text.Append("Hash:             ").Append(Hex(token.Hash)).Append('\n');
            text.Append("Create Index:     ").Append(token.CreateIndex).Append('\n');
            text.Append("Modify Index:     ").Append(token.ModifyIndex).Append('\n');
        }

        Links(text, token.Policies, token.Roles, token.ServiceIdentities, token.NodeIdentities);
        return text.ToString();
    }

    public static string TokenList(IEnumerable<ACLTokenListEntry> tokens, bool showMeta) => string.Join("\n", tokens.Select(token =>
    {
        var text = new StringBuilder();
        text.Append("AccessorID:       ").Append(token.AccessorID).Append('\n');
        text.Append("SecretID:         ").Append(token.SecretID).Append('\n');
        text.Append("Description:      ").Append(token.Description).Append('\n');
        text.Append("Local:            ").Append(token.Local ? "true" : "false").Append('\n');
        text.Append("Create Time:      ").Append(GoTimeValue(token.CreateTime)).Append('\n');
        if (token.ExpirationTime is { } expires)
        {
            text.Append("Expiration Time:  ").Append(GoTimeValue(expires)).Append('\n');
        }

        text.Append("Legacy:           ").Append(token.Legacy ? "true" : "false").Append('\n');
        if (showMeta)
        {
            text.Append("Hash:             ").Append(Hex(token.Hash)).Append('\n');
            text.Append("Create Index:     ").Append(token.CreateIndex).Append('\n');
            text.Append("Modify Index:     ").Append(token.ModifyIndex).Append('\n');
        }

        Links(text, token.Policies, token.Roles, token.ServiceIdentities, token.NodeIdentities);
        return text.ToString();
    }));

    public static string Policy(ACLPolicy policy, bool showMeta)
    {
        var text = new StringBuilder();
        text.Append("ID:           ").Append(policy.ID).Append('\n');
        text.Append("Name:         ").Append(policy.Name).Append('\n');
        text.Append("Description:  ").Append(policy.Description).Append('\n');
        text.Append("Datacenters:  ").Append(string.Join(", ", policy.Datacenters ?? [])).Append('\n');
        if (showMeta)
        {
            text.Append("Hash:         ").Append(Hex(policy.Hash)).Append('\n');
            text.Append("Create Index: ").Append(policy.CreateIndex).Append('\n');
            text.Append("Modify Index: ").Append(policy.ModifyIndex).Append('\n');
        }

        text.Append("Rules:\n").Append(policy.Rules);
        return text.ToString();
    }

    public static string PolicyList(IEnumerable<ACLPolicyListEntry> policies, bool showMeta) => string.Concat(policies.Select(policy =>
    {
        var text = new StringBuilder();
        text.Append(policy.Name).Append(":\n");
        text.Append("   ID:           ").Append(policy.ID).Append('\n');
        text.Append("   Description:  ").Append(policy.Description).Append('\n');
        text.Append("   Datacenters:  ").Append(string.Join(", ", policy.Datacenters ?? [])).Append('\n');
        if (showMeta)
        {
            text.Append("   Hash:         ").Append(Hex(policy.Hash)).Append('\n');
            text.Append("   Create Index: ").Append(policy.CreateIndex).Append('\n');
            text.Append("   Modify Index: ").Append(policy.ModifyIndex).Append('\n');
        }

        return text.ToString();
    }));

    /// <summary>Consul's <c>FormatRole</c>.</summary>
    public static string Role(ACLRole role, bool showMeta)
    {
        var text = new StringBuilder();
        text.Append("ID:           ").Append(role.ID).Append('\n');
        text.Append("Name:         ").Append(role.Name).Append('\n');
        text.Append("Description:  ").Append(role.Description).Append('\n');
        if (showMeta)
        {
            text.Append("Hash:         ").Append(Hex(role.Hash)).Append('\n');
            text.Append("Create Index: ").Append(role.CreateIndex).Append('\n');
            text.Append("Modify Index: ").Append(role.ModifyIndex).Append('\n');
        }

        Links(text, role.Policies, null, role.ServiceIdentities, role.NodeIdentities);
        return text.ToString();
    }

    /// <summary>Consul's <c>FormatRoleList</c>: each role under its name, indented.</summary>
    public static string RoleList(IEnumerable<ACLRole> roles, bool showMeta) => string.Concat(roles.Select(role =>
    {
        var text = new StringBuilder();
        text.Append(role.Name).Append(":\n");
        text.Append("   ID:           ").Append(role.ID).Append('\n');
        text.Append("   Description:  ").Append(role.Description).Append('\n');
        if (showMeta)
        {
            text.Append("   Hash:         ").Append(Hex(role.Hash)).Append('\n');
            text.Append("   Create Index: ").Append(role.CreateIndex).Append('\n');
            text.Append("   Modify Index: ").Append(role.ModifyIndex).Append('\n');
        }

        Links(text, role.Policies, null, role.ServiceIdentities, role.NodeIdentities, "   ");
        return text.ToString();
    }));

    private static void Links(
        StringBuilder text, List<ACLLink>? policies, List<ACLLink>? roles, List<ACLServiceIdentity>? services, List<ACLNodeIdentity>? nodes,
        string indent = "")
    {
        var item = indent + "   ";
        if (policies is { Count: > 0 })
        {
            text.Append(indent).Append("Policies:\n");
            policies.ForEach(p => text.Append(item).Append(p.ID).Append(" - ").Append(p.Name).Append('\n'));
        }

        if (roles is { Count: > 0 })
        {
            text.Append(indent).Append("Roles:\n");
            roles.ForEach(r => text.Append(item).Append(r.ID).Append(" - ").Append(r.Name).Append('\n'));
        }

        if (services is { Count: > 0 })
        {
            text.Append(indent).Append("Service Identities:\n");
            services.ForEach(s => text.Append(item).Append(s.ServiceName)
                .Append(" (Datacenters: ").Append(s.Datacenters is { Count: > 0 } dcs ? string.Join(", ", dcs) : "all").Append(")\n"));
        }

        if (nodes is { Count: > 0 })
        {
            text.Append(indent).Append("Node Identities:\n");
            nodes.ForEach(n => text.Append(item).Append(n.NodeName).Append(" (Datacenter: ").Append(n.Datacenter).Append(")\n"));
        }
    }

    /// <summary>Go's <c>%v</c> of a time.Time, in UTC: <c>2026-12-07 01:00:00.123456 +0000 UTC</c>.</summary>
    private static string GoTimeValue(DateTimeOffset? time)
    {
        var utc = (time ?? DateTimeOffset.MinValue).UtcDateTime;
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "")
            + " +0000 UTC";
    }

    /// <summary>Go's <c>%x</c> of the hash bytes (the API sends them base64).</summary>
    private static string Hex(string? base64)
    {
        try
        {
            return Convert.ToHexStringLower(Convert.FromBase64String(base64 ?? ""));
        }
        catch (FormatException)
        {
            return base64 ?? "";
        }
    }
}
