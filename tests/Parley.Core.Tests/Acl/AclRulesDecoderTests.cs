using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Parley.Core.Acl;
using Parley.Hcl;

namespace Parley.Core.Tests.Acl;

public sealed class AclRulesDecoderTests
{
    private static AclPolicyRules Hcl(string text) => AclRulesDecoder.Decode(HclParser.Parse(text), text);

    private static AclPolicyRules Json(string text) => AclRulesDecoder.Decode(JsonNode.Parse(text)!.AsObject(), text);

    [Fact]
    public void Decode_EveryResourceOfConsul()
    {
        var rules = Hcl("""
            acl = "read"
            agent_prefix "" { policy = "read" }
            event_prefix "deploy" { policy = "write" }
            key "app/config" { policy = "deny" }
            key_prefix "app/" { policy = "list" }
            keyring = "write"
            mesh = "read"
            node "n1" { policy = "write" }
            node_prefix "" { policy = "read" }
            operator = "read"
            peering = "write"
            query_prefix "" { policy = "read" }
            service "web" {
              policy = "write"
              intentions = "write"
            }
            service_prefix "" { policy = "read" }
            session_prefix "" { policy = "write" }
            """);
        Assert.Contains(new AclRule(AclResource.Acl, "", false, AclAccess.Read), rules.Rules);
        Assert.Contains(new AclRule(AclResource.Key, "app/", true, AclAccess.List), rules.Rules);
        Assert.Contains(new AclRule(AclResource.Intention, "web", false, AclAccess.Write), rules.Rules);
        // A service rule without `intentions` reads them.
        Assert.Contains(new AclRule(AclResource.Intention, "", true, AclAccess.Read), rules.Rules);
        Assert.Contains(new AclRule(AclResource.Peering, "", false, AclAccess.Write), rules.Rules);
        Assert.Equal(17, rules.Rules.Count);
    }

    [Fact]
    public void Decode_JsonForm_GivesTheSameRules()
    {
        var json = Json("""{"service": {"web": {"policy": "read"}}, "key_prefix": [{"": {"policy": "deny"}}], "operator": "write"}""");
        var hcl = Hcl("""
            service "web" { policy = "read" }
            key_prefix "" { policy = "deny" }
            operator = "write"
            """);
        Assert.Equal(hcl.Rules.Order(RuleOrder.Instance), json.Rules.Order(RuleOrder.Instance));
    }

    [Theory]
    [InlineData("service \"web\" {\n  policy = \"bogus\"\n}",
        "Invalid service policy: 1:9: service \"web\": policy \"bogus\" must be \"read\", \"write\" or \"deny\"")]
    [InlineData("node \"a\" { policy = \"list\" }",
        "Invalid node policy: 1:6: node \"a\": policy \"list\" must be \"read\", \"write\" or \"deny\"")]
    [InlineData("\n\nacl = \"manage\"", "Invalid acl policy: 3:1: acl = \"manage\" must be \"read\", \"write\" or \"deny\"")]
    [InlineData("service \"web\" { policy = \"read\"\n intentions = \"all\" }",
        "Invalid service intentions policy: 1:9: service \"web\": intentions \"all\" must be \"read\", \"write\" or \"deny\"")]
    [InlineData("servce \"web\" { policy = \"read\" }", "Failed to parse ACL rules: 1:1: unknown rule \"servce\"")]
    [InlineData("key \"k\" { policy = \"read\"\n polcy = \"x\" }", "Failed to parse ACL rules: 1:5: key \"k\": unknown field \"polcy\"")]
    [InlineData("session \"n\" { }", "Invalid session policy: 1:9: session \"n\": policy \"\" must be")]
    public void Decode_InvalidRules_AreRefusedWithPositionAndReason(string text, string expected)
    {
        var e = Assert.Throws<ParleyException>(() => Hcl(text));
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RulesWrittenAsHclOrJson_RoundTrip()
    {
        var named = Gen.Select(
            Gen.OneOf("agent", "agent_prefix", "event", "event_prefix", "key", "key_prefix", "node", "node_prefix", "query", "query_prefix",
                "service", "service_prefix", "session", "session_prefix"),
            Gen.OneOf("", "web", "web-1", "a/b", "ümlaut", "x y"),
            Gen.OneOf("read", "write", "deny"));
        var unnamed = Gen.Select(Gen.OneOf("acl", "keyring", "mesh", "operator", "peering"), Gen.OneOf("read", "write", "deny"));
        Gen.Select(named.Array[0, 8], unnamed.Array[0, 5]).Sample((blocks, singles) =>
        {
            var singlesByKey = singles.DistinctBy(s => s.Item1).ToList();
            var hcl = new StringBuilder();
            var json = new JsonObject();
            foreach (var (key, policy) in singlesByKey)
            {
                hcl.Append(key).Append(" = \"").Append(policy).Append("\"\n");
                json[key] = policy;
            }

            foreach (var (key, name, policy) in blocks)
            {
                hcl.Append(key).Append(" \"").Append(name).Append("\" { policy = \"").Append(policy).Append("\" }\n");
                var list = json[key] as JsonArray ?? [];
                json[key] = list;
                list.Add(new JsonObject { [name] = new JsonObject { ["policy"] = policy } });
            }

            var fromHcl = Hcl(hcl.ToString()).Rules.Order(RuleOrder.Instance).ToList();
            var jsonText = json.ToJsonString();
            var fromJson = Json(jsonText).Rules.Order(RuleOrder.Instance).ToList();
            Assert.Equal(fromHcl, fromJson);
            Assert.Equal(singlesByKey.Count + blocks.Length + blocks.Count(b => b.Item1.StartsWith("service", StringComparison.Ordinal)),
                fromHcl.Count);
        });
    }

    private sealed class RuleOrder : IComparer<AclRule>
    {
        public static readonly RuleOrder Instance = new();

        public int Compare(AclRule? x, AclRule? y) =>
            string.CompareOrdinal($"{x!.Resource}|{x.Name}|{x.Prefix}|{x.Access}", $"{y!.Resource}|{y.Name}|{y.Prefix}|{y.Access}");
    }
}
