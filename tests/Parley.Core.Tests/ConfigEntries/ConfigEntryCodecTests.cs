using Parley.Core.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.ConfigEntries;

public sealed class ConfigEntryCodecTests
{
    [Fact]
    public void Decode_UnknownTopLevelKey_FailsWithConsulsInvalidConfigKey()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() =>
            FromJson("""{"Kind":"service-resolver","Name":"web","foo":1}"""));

        Assert.Equal(ErrorCode.InvalidArgument, ex.Code);
        Assert.Equal(["invalid config key \"foo\""], ex.Reasons);
        Assert.Equal("1 error occurred:\n\t* invalid config key \"foo\"\n\n", ex.Message);
    }

    [Fact]
    public void Decode_UnknownNestedKey_NamesItsFullPath()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromJson("""
            {"Kind":"exported-services","Name":"default",
             "Services":[{"Name":"web","Consumers":[{"Peer":"cluster-02","Bogus":true}]}]}
            """));

        Assert.Equal(["invalid config key \"Services[0].Consumers[0].Bogus\""], ex.Reasons);
    }

    [Fact]
    public void Decode_SplitWithPeer_IsAnUnknownKey()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromHcl("""
            Kind = "service-splitter"
            Name = "web"
            Splits = [{ Weight = 100, Peer = "cluster-02" }]
            """));

        Assert.Equal(["invalid config key \"Splits[0].Peer\""], ex.Reasons);
    }

    [Fact]
    public void Decode_RouteDestinationWithPeer_IsAnUnknownKey()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromJson("""
            {"Kind":"service-router","Name":"web","Routes":[{"Destination":{"Service":"api","Peer":"cluster-02"}}]}
            """));

        Assert.Equal(["invalid config key \"Routes[0].Destination.Peer\""], ex.Reasons);
    }

    [Fact]
    public void Decode_TopLevelNamespace_SaysNamespacesAreEnterprise()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() =>
            FromJson("""{"Kind":"service-defaults","Name":"web","Namespace":"team"}"""));

        Assert.Equal(["invalid config key \"Namespace\", namespaces are a consul enterprise feature"], ex.Reasons);
    }

    [Fact]
    public void Decode_SeveralUnknownKeys_ListsThemAll()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() =>
            FromJson("""{"Kind":"mesh","a":1,"b":2}"""));

        Assert.Equal("2 errors occurred:\n\t* invalid config key \"a\"\n\t* invalid config key \"b\"\n\n", ex.Message);
    }

    [Theory]
    [InlineData("""{"Name":"web"}""", "Payload does not contain a kind/Kind key at the top level")]
    [InlineData("""{"Kind":7,"Name":"web"}""", "Kind value in payload is not a string")]
    [InlineData("""{"Kind":"ServiceResolver","Name":"web"}""", "invalid config entry kind: ServiceResolver")]
    [InlineData("""{"Kind":"bound-api-gateway","Name":"web"}""", "invalid config entry kind: bound-api-gateway")]
    public void Decode_BadKind_FailsLikeConsul(string json, string message)
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromJson(json));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Decode_KeysInAnyCase_AreAccepted()
    {
        var resolver = Assert.IsType<ServiceResolverConfigEntry>(FromJson("""
            {"kind":"service-resolver","NAME":"web","connecttimeout":"5s","REDIRECT":{"service":"api","PEER":"cluster-02"}}
            """));

        Assert.Equal("web", resolver.Name);
        Assert.Equal(TimeSpan.FromSeconds(5), resolver.ConnectTimeout);
        Assert.Equal(("api", "cluster-02"), (resolver.Redirect?.Service, resolver.Redirect?.Peer));
    }

    [Fact]
    public void Decode_SnakeCaseAliases_AreAccepted()
    {
        var resolver = Assert.IsType<ServiceResolverConfigEntry>(FromHcl("""
            kind            = "service-resolver"
            name            = "web"
            default_subset  = "v1"
            connect_timeout = "2s"
            subsets = { v1 = { filter = "Service.Meta.version == v1", only_passing = true } }
            """));
        var exports = Assert.IsType<ExportedServicesConfigEntry>(FromHcl("""
            Kind = "exported-services"
            Name = "default"
            Services = [{ Name = "web", Consumers = [{ peer_name = "cluster-02" }] }]
            """));

        Assert.Equal("v1", resolver.DefaultSubset);
        Assert.Equal(TimeSpan.FromSeconds(2), resolver.ConnectTimeout);
        Assert.True(resolver.Subsets["v1"].OnlyPassing);
        Assert.Equal("cluster-02", exports.Services[0].Consumers[0].Peer);
    }

    [Fact]
    public void Decode_CanonicalKeyAndAlias_CanonicalWins()
    {
        var resolver = Assert.IsType<ServiceResolverConfigEntry>(FromJson("""
            {"Kind":"service-resolver","Name":"web","ConnectTimeout":"5s","connect_timeout":"10s"}
            """));

        Assert.Equal(TimeSpan.FromSeconds(5), resolver.ConnectTimeout);
    }

    [Fact]
    public void Decode_WeaklyTypedScalars_Convert()
    {
        var splitter = Assert.IsType<ServiceSplitterConfigEntry>(FromJson("""
            {"Kind":"service-splitter","Name":"web","Splits":[{"Weight":"60"},{"Weight":40,"Service":"api"}]}
            """));
        var mesh = Assert.IsType<MeshConfigEntry>(FromJson("""
            {"Kind":"mesh","Peering":{"PeerThroughMeshGateways":"true"}}
            """));

        Assert.Equal([60f, 40f], splitter.Splits.Select(s => s.Weight));
        Assert.True(mesh.Peering?.PeerThroughMeshGateways);
    }

    [Fact]
    public void Decode_BadDuration_FailsWithGosParseError()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() =>
            FromJson("""{"Kind":"service-resolver","Name":"web","ConnectTimeout":"soon"}"""));

        Assert.Equal("1 error(s) decoding:\n\n* error decoding 'ConnectTimeout': time: invalid duration \"soon\"", ex.Message);
    }

    [Fact]
    public void Decode_WrongShape_ReportsTheField()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() =>
            FromJson("""{"Kind":"service-resolver","Name":"web","Redirect":"api"}"""));

        Assert.Equal("1 error(s) decoding:\n\n* 'Redirect' expected a map, got 'string'", ex.Message);
    }

    [Fact]
    public void Decode_RaftIndexes_AreIgnored()
    {
        var entry = FromJson("""{"Kind":"service-defaults","Name":"web","CreateIndex":9,"ModifyIndex":12}""");

        Assert.Equal((0L, 0L), (entry.CreateIndex, entry.ModifyIndex));
    }

    [Fact]
    public void Encode_ServiceDefaults_MatchesConsulsReadOutput()
    {
        var entry = FromHcl("""
            Kind     = "service-defaults"
            Name     = "web"
            Protocol = "http"
            """) with { CreateIndex = 14, ModifyIndex = 14 };

        Assert.Equal(
            """{"Kind":"service-defaults","Name":"web","Protocol":"http","TransparentProxy":{},"MeshGateway":{},"Expose":{""" +
                """},"CreateIndex":14,"ModifyIndex":14}""",
            ConfigEntryCodec.EncodeToString(entry));
    }

    [Fact]
    public void Encode_ProxyDefaults_KeepsConfigVerbatim()
    {
        var entry = FromHcl("""
            Kind = "proxy-defaults"
            Name = "global"
            Config {
              protocol = "http"
              local_connect_timeout_ms = 1000
            }
            """);

        Assert.Equal(
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http","local_connect_timeout_ms":""" +
                """1000},"TransparentProxy":{},"MeshGateway":{},"Expose":{},"CreateIndex":0,"ModifyIndex":0}""",
            ConfigEntryCodec.EncodeToString(entry));
        Assert.Equal("http", ((ProxyDefaultsConfigEntry)entry).Protocol);
    }

    [Fact]
    public void Encode_IntentionsAfterNormalize_HasTypeAndPrecedence()
    {
        var entry = ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.IntentionsHcl));

        Assert.Equal(
            """{"Kind":"service-intentions","Name":"backend-service","Sources":[""" +
                """{"Name":"frontend-service","Action":"allow","Precedence":9,"Type":"consul","Peer":"cluster-02"}],"CreateIndex":""" +
                """0,"ModifyIndex":0}""",
            ConfigEntryCodec.EncodeToString(entry));
    }

    [Fact]
    public void EncodeToString_Indented_UsesFourSpaces()
    {
        var text = ConfigEntryCodec.EncodeToString(new MeshConfigEntry(), indented: true);

        Assert.StartsWith("{\n    \"Kind\": \"mesh\",\n    \"Name\": \"mesh\",", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ContentEquals_IgnoresRaftIndexesOnly()
    {
        var a = FromJson(PeeringDocExamples.RedirectResolverJson);
        var b = a with { CreateIndex = 5, ModifyIndex = 6 };
        var c = FromJson(PeeringDocExamples.FailoverResolverJson);

        Assert.True(ConfigEntryCodec.ContentEquals(a, b));
        Assert.False(ConfigEntryCodec.ContentEquals(a, c));
    }

    [Fact]
    public void DecodeYaml_IntentionsResource_TakesTheNameFromTheDestination()
    {
        var entry = FromYaml("""
            apiVersion: consul.hashicorp.com/v1alpha1
            kind: ServiceIntentions
            metadata:
              name: backend-from-peer
            spec:
              destination:
                name: backend-service
              sources:
                - name: frontend-service
                  peer: cluster-02
                  action: allow
            """);

        Assert.Equal(Canonical(FromHcl(PeeringDocExamples.IntentionsHcl)), Canonical(entry));
    }

    [Fact]
    public void DecodeYaml_ExportedServicesAndProxyDefaultsResources_MatchTheirHcl()
    {
        var exports = FromYaml("""
            apiVersion: consul.hashicorp.com/v1alpha1
            kind: ExportedServices
            metadata:
              name: default
            spec:
              services:
                - name: service-name
                  namespace: default
                  consumers:
                    - peer: cluster-02
            """);
        var proxy = FromYaml("""
            apiVersion: consul.hashicorp.com/v1alpha1
            kind: ProxyDefaults
            metadata:
              name: global
            spec:
              config:
                protocol: http
            """);

        Assert.Equal(Canonical(FromHcl(PeeringDocExamples.ExportedServicesHcl)), Canonical(exports));
        Assert.Equal("http", Assert.IsType<ProxyDefaultsConfigEntry>(proxy).Protocol);
    }

    [Fact]
    public void DecodeYaml_PlainConsulForm_IsAccepted()
    {
        var entry = FromYaml("""
            Kind: service-resolver
            Name: frontend-peer
            Redirect:
              Service: frontend
              Peer: cluster-02
            """);

        Assert.Equal(Canonical(FromJson(PeeringDocExamples.RedirectResolverJson)), Canonical(entry));
    }

    [Fact]
    public void DecodeYaml_UnknownSpecKey_IsAnInvalidConfigKey()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromYaml("""
            apiVersion: consul.hashicorp.com/v1alpha1
            kind: ServiceResolver
            metadata:
              name: frontend
            spec:
              conectTimeout: 15s
            """));

        Assert.Equal(["invalid config key \"conectTimeout\""], ex.Reasons);
    }

    [Fact]
    public void DecodeYaml_OtherApiVersion_IsRefused()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(() => FromYaml("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            """));

        Assert.Contains("unsupported apiVersion \"apps/v1\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeYaml_MalformedYaml_IsADecodeError()
    {
        Assert.Throws<ConfigEntryDecodeException>(() => FromYaml("kind: [unclosed"));
    }
}
