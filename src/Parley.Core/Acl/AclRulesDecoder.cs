using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Acl;

/// <summary>
/// Decodes a policy's rules from the tree its HCL or JSON text parses to (the same tree for both), checking every
/// value as Consul does. A refusal names the rule's position in <c>source</c> and what is wrong, e.g.
/// <c>Invalid service policy: 2:9: service "web": policy "bogus" must be "read", "write" or "deny"</c>.
/// </summary>
public static class AclRulesDecoder
{
    private static readonly Dictionary<string, (AclResource Resource, bool Prefix)> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["agent"] = (AclResource.Agent, false),
        ["agent_prefix"] = (AclResource.Agent, true),
        ["event"] = (AclResource.Event, false),
        ["event_prefix"] = (AclResource.Event, true),
        ["key"] = (AclResource.Key, false),
        ["key_prefix"] = (AclResource.Key, true),
        ["node"] = (AclResource.Node, false),
        ["node_prefix"] = (AclResource.Node, true),
        ["query"] = (AclResource.Query, false),
        ["query_prefix"] = (AclResource.Query, true),
        ["service"] = (AclResource.Service, false),
        ["service_prefix"] = (AclResource.Service, true),
        ["session"] = (AclResource.Session, false),
        ["session_prefix"] = (AclResource.Session, true),
    };

    private static readonly Dictionary<string, AclResource> Unnamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acl"] = AclResource.Acl,
        ["keyring"] = AclResource.Keyring,
        ["mesh"] = AclResource.Mesh,
        ["operator"] = AclResource.Operator,
        ["peering"] = AclResource.Peering,
    };

    /// <summary>Decodes <paramref name="document"/>, parsed from <paramref name="source"/> (used only to locate errors).</summary>
    /// <exception cref="ParleyException">An unknown key, a malformed rule or an invalid policy value (InvalidArgument).</exception>
    public static AclPolicyRules Decode(JsonObject document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(source);
        var rules = new List<AclRule>();
        foreach (var (key, value) in document)
        {
            if (Unnamed.TryGetValue(key, out var resource))
            {
                var text = StringValue(value) ?? throw Error(source, key, null, $"{key}: expected a string such as \"read\"");
                if (text.Length > 0)
                {
                    rules.Add(new AclRule(resource, "", false, Access(source, key, null, "policy", text, allowList: false)));
                }
            }
            else if (Named.TryGetValue(key, out var named))
            {
                DecodeNamed(source, key.ToLowerInvariant(), named.Resource, named.Prefix, value, rules);
            }
            else
            {
                throw Error(source, key, null,
                    $"unknown rule \"{key}\"; Consul's rules are acl, agent, agent_prefix, event, event_prefix, key, "
                    + "key_prefix, keyring, mesh, node, node_prefix, operator, peering, query, query_prefix, service, service_prefix," +
                        " session, session_prefix",
                    "Failed to parse ACL rules");
            }
        }

        return new AclPolicyRules(rules);
    }

    private static void DecodeNamed(string source, string key, AclResource resource, bool prefix, JsonNode? value, List<AclRule> rules)
    {
        foreach (var map in Objects(value)
            ?? throw Error(source, key, null, $"{key}: expected blocks such as {key} \"name\" {{ policy = \"read\" }}"))
        {
            foreach (var (name, bodyNode) in map)
            {
                foreach (
                    var body in Objects(bodyNode) ?? throw Error(source, key, name, $"{key} \"{name}\": expected a block with a policy"))
                {
                    DecodeBody(source, key, resource, prefix, name, body, rules);
                }
            }
        }
    }

    private static void DecodeBody(
        string source,
        string key,
        AclResource resource,
        bool prefix,
        string name,
        JsonObject body,
        List<AclRule> rules)
    {
        string? policy = null;
        string? intentions = null;
        foreach (var (field, fieldValue) in body)
        {
            if (field.Equals("policy", StringComparison.OrdinalIgnoreCase))
            {
                policy = StringValue(fieldValue) ?? throw Error(source, key, name, $"{key} \"{name}\": policy must be a string");
            }
            else if (resource == AclResource.Service && field.Equals("intentions", StringComparison.OrdinalIgnoreCase))
            {
                intentions = StringValue(fieldValue) ?? throw Error(source, key, name, $"{key} \"{name}\": intentions must be a string");
            }
            else
            {
                throw Error(source, key, name, $"{key} \"{name}\": unknown field \"{field}\"", "Failed to parse ACL rules");
            }
        }

        var access = Access(source, key, name, "policy", policy ?? "", allowList: resource == AclResource.Key);
        rules.Add(new AclRule(resource, name, prefix, access));
        if (resource != AclResource.Service)
        {
            return;
        }

        // Consul: a service rule without `intentions` grants intentions:read when it grants read or write, else denies them.
        var intentionAccess = intentions is { Length: > 0 }
            ? Access(source, key, name, "intentions", intentions, allowList: false)
            : access == AclAccess.Deny ? AclAccess.Deny : AclAccess.Read;
        rules.Add(new AclRule(AclResource.Intention, name, prefix, intentionAccess));
    }

    private static AclAccess Access(string source, string key, string? name, string field, string value, bool allowList)
    {
        if (AclResources.TryParseAccess(value, allowList, out var access))
        {
            return access;
        }

        var allowed = allowList ? "\"read\", \"write\", \"list\" or \"deny\"" : "\"read\", \"write\" or \"deny\"";
        var what = name is null ? key : $"{key} \"{name}\"";
        var kind = field == "intentions" ? key + " intentions" : key;
        return field == "policy" && name is null
            ? throw Error(source, key, name, $"{what} = \"{value}\" must be {allowed}", $"Invalid {kind} policy")
            : throw Error(source, key, name, $"{what}: {field} \"{value}\" must be {allowed}", $"Invalid {kind} policy");
    }

    private static string? StringValue(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>An object, or a list of objects (HCL's repeated blocks and JSON's list form); null for anything else.</summary>
    private static IEnumerable<JsonObject>? Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o],
        JsonArray a when a.All(e => e is JsonObject) => a.Cast<JsonObject>(),
        _ => null,
    };

    private static ParleyException Error(string source, string key, string? name, string reason, string? prefix = null)
    {
        var (line, column) = AclRulePositions.Find(source, key, name);
        return ParleyException.Invalid($"{prefix ?? "Invalid " + key + " policy"}: {line}:{column}: {reason}");
    }
}
