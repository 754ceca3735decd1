using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Api.Contracts;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Core.Go;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>Validation of ACL request bodies with Consul's texts; nothing is written when one fails.</summary>
internal static partial class AclRequests
{
    /// <summary>Resolves policy links by ID or name to stored policies.</summary>
    public static List<AclLink> PolicyLinks(IEnumerable<AclLinkRequest>? links, StateSnapshot s) => [.. (links ?? []).Select(link =>
    {
        var policy = !string.IsNullOrEmpty(link.ID)
            ? s.GetAclPolicy(link.ID) ?? throw ParleyException.Invalid($"No such ACL policy with ID \"{link.ID}\"")
            : s.GetAclPolicyByName(link.Name ?? "") ?? throw ParleyException.Invalid($"No such ACL policy with name \"{link.Name}\"");
        return new AclLink(policy.ID, policy.Name);
    }).DistinctBy(l => l.ID)];

    /// <summary>Resolves role links by ID or name to stored roles.</summary>
    public static List<AclLink> RoleLinks(IEnumerable<AclLinkRequest>? links, StateSnapshot s) => [.. (links ?? []).Select(link =>
    {
        var role = !string.IsNullOrEmpty(link.ID)
            ? s.GetAclRole(link.ID) ?? throw ParleyException.Invalid($"No such ACL role with ID \"{link.ID}\"")
            : s.GetAclRoleByName(link.Name ?? "") ?? throw ParleyException.Invalid($"No such ACL role with name \"{link.Name}\"");
        return new AclLink(role.ID, role.Name);
    }).DistinctBy(l => l.ID)];

    public static List<AclServiceIdentity> ServiceIdentities(IEnumerable<AclServiceIdentityJson>? identities)
        => [.. (identities ?? []).Select(i =>
    {
        if (string.IsNullOrEmpty(i.ServiceName))
        {
            throw ParleyException.Invalid("Service identity is missing the service name field on this token");
        }

        return ServiceName().IsMatch(i.ServiceName)
            ? new AclServiceIdentity(i.ServiceName, i.Datacenters is { Count: > 0 } dcs ? dcs : null)
            : throw ParleyException.Invalid(
                $"Service identity \"{i.ServiceName}\" has an invalid name. Only lowercase alphanumeric characters," +
                    $" '-' and '_' are allowed");
    })];

    public static List<AclNodeIdentity> NodeIdentities(IEnumerable<AclNodeIdentityJson>? identities) => [.. (identities ?? []).Select(i =>
        string.IsNullOrEmpty(i.NodeName) ? throw ParleyException.Invalid("Node identity is missing the node name field on this token")
        : string.IsNullOrEmpty(i.Datacenter) ? throw ParleyException.Invalid("Node identity is missing the datacenter field on this token")
        : new AclNodeIdentity(i.NodeName, i.Datacenter))];

    /// <summary>A policy or role name: Consul's <c>^[A-Za-z0-9\-_]{1,128}$</c>.</summary>
    public static string Name(string? name, string what) =>
        string.IsNullOrEmpty(name) ? throw ParleyException.Invalid($"Invalid {what}: no Name is set")
        : ObjectName().IsMatch(name) ? name
        : throw ParleyException.Invalid($"Invalid {what}: invalid Name. Only alphanumeric characters, '-' and '_' are allowed");

    /// <summary>The token's TTL from a Go duration string or nanoseconds; null when absent.</summary>
    public static TimeSpan? Ttl(JsonElement? ttl)
    {
        TimeSpan value;
        switch (ttl)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var nanos):
                value = TimeSpan.FromTicks(nanos / 100);
                break;
            case { ValueKind: JsonValueKind.String } s when GoDuration.TryParse(s.GetString()!, out var parsed, out _):
                value = parsed;
                break;
            default:
                throw ParleyException.Invalid($"Invalid ExpirationTTL: {ttl.Value.GetRawText()}");
        }

        return value == TimeSpan.Zero ? null
            : value > TimeSpan.Zero ? value
            : throw ParleyException.Invalid($"Token Expiration TTL '{GoDuration.Format(value)}' should be > 0");
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_]{1,128}$")]
    private static partial Regex ObjectName();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9\-_]*[a-z0-9])?$")]
    private static partial Regex ServiceName();
}
