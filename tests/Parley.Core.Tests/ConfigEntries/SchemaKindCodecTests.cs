using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.ConfigEntries;

/// <summary>The schema-described kinds through the shared codec: HCL and JSON decode alike, and encoding round-trips.</summary>
public sealed class SchemaKindCodecTests
{
    [Theory]
    [MemberData(nameof(SchemaKindSamples.Pairs), MemberType = typeof(SchemaKindSamples))]
    public void HclAndJson_StoreTheSameCanonicalEntry_ThatRoundTrips(string kind, string hcl, string json)
    {
        var fromHcl = Canonical(FromHcl(hcl));
        var fromJson = Canonical(FromJson(json));

        Assert.Equal(fromJson, fromHcl);
        Assert.Equal(kind, (string?)Obj(fromJson)["Kind"]);
        Assert.Equal(fromJson, Canonical(FromJson(fromJson)));
        Assert.Empty(ConfigEntryValidator.Check(ConfigEntryNormalizer.Normalize(FromJson(json))));
    }

    [Theory]
    [MemberData(nameof(SchemaKindSamples.Pairs), MemberType = typeof(SchemaKindSamples))]
    public void Encode_KeepsEveryFieldWritten(string kind, string hcl, string json)
    {
        _ = (kind, hcl);
        var written = Obj(json);
        var stored = Obj(Canonical(FromJson(json)));

        // Every field of the input comes back with the same value (the stored form may add Consul's always-written ones).
        AssertContains(written, stored, kind);
    }

    [Fact]
    public void Encode_WritesConsulsNonOmitemptyFields()
    {
        var stored = Obj(
            Canonical(FromJson("""{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"web"}]}]}""")));

        Assert.Equal(
            """{"Kind":"ingress-gateway","Name":"gw","TLS":{"Enabled":false},"Listeners":[{"Port":80,"Protocol":"tcp","Services":[""" +
                """{"Name":"web","Hosts":null}]}],"CreateIndex":0,"ModifyIndex":0}""",
            stored.ToJsonString());
    }

    [Fact]
    public void Decode_UnknownNestedKey_NamesItsFullPath()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromJson(
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"web","Hostz":["a"]}]}]}"""));

        Assert.Equal(["invalid config key \"Listeners[0].Services[0].Hostz\""], ex.Reasons);
    }

    [Fact]
    public void Decode_WrongType_FailsWithMapstructureText()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromJson(
            """{"Kind":"jwt-provider","Name":"okta","JSONWebKeySet":{"Remote":{"URI":"https://x","CacheDuration":"soon"}}}"""));

        Assert.Equal(["error decoding 'JSONWebKeySet.Remote.CacheDuration': time: invalid duration \"soon\""], ex.Reasons);
    }

    [Theory]
    [InlineData("IngressGateway", "ingress-gateway")]
    [InlineData("TerminatingGateway", "terminating-gateway")]
    [InlineData("JWTProvider", "jwt-provider")]
    [InlineData("SamenessGroup", "sameness-group")]
    [InlineData("ControlPlaneRequestLimit", "control-plane-request-limit")]
    public void KubernetesNames_MapToConsulKinds(string crd, string kind)
    {
        Assert.True(ConfigEntryKinds.TryNormalize(crd, out var normalized));
        Assert.Equal(kind, normalized);
    }

    [Fact]
    public void EveryIssueKind_IsKnown()
    {
        string[] kinds =
        [
            "ingress-gateway", "terminating-gateway", "api-gateway", "http-route", "tcp-route", "inline-certificate",
            "file-system-certificate", "jwt-provider", "sameness-group", "control-plane-request-limit",
        ];

        Assert.All(kinds, k => Assert.True(ConfigEntryKinds.IsKnown(k), k));
    }

    private static void AssertContains(JsonNode expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var actualObj = Assert.IsType<JsonObject>(actual);
                foreach (var (key, value) in obj)
                {
                    Assert.True(actualObj.ContainsKey(key), $"{path}.{key} missing from {actualObj.ToJsonString()}");
                    AssertContains(value!, actualObj[key], $"{path}.{key}");
                }

                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, actualArray.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContains(array[i]!, actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(
                    JsonNode.DeepEquals(expected, actual),
                    $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString()}");
                break;
        }
    }
}
