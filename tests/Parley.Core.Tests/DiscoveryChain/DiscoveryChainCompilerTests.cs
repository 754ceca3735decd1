using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;
using Parley.Core.Tests.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.DiscoveryChain;

public sealed class DiscoveryChainCompilerTests
{
    private const string TrustDomain = "11111111-2222-3333-4444-555555555555.consul";

    private static readonly ConfigEntry HttpProxyDefaults = FromJson("""
        {"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}
        """);

    private static CompiledDiscoveryChain Compile(
        string service, IEnumerable<ConfigEntry> entries, Func<DiscoveryChainRequest, DiscoveryChainRequest>? tweak = null)
    {
        var request = new DiscoveryChainRequest
        {
            ServiceName = service,
            EvaluateInDatacenter = "dc1",
            EvaluateInTrustDomain = TrustDomain,
            Entries = new ConfigEntrySet(entries.Select(ConfigEntryNormalizer.Normalize)),
        };
        return DiscoveryChainCompiler.Compile(tweak is null ? request : tweak(request));
    }

    private static string Json(CompiledDiscoveryChain chain) => DiscoveryChainJson.Encode(chain).ToJsonString();

    private static string Compact(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();

    [Fact]
    public void Compile_ServiceWithoutEntries_IsTheDefaultTcpChain()
    {
        var chain = Compile("web", []);

        var expected = $$"""
            {
              "ServiceName": "web", "Namespace": "default", "Partition": "default", "Datacenter": "dc1",
              "Default": true, "Protocol": "tcp", "StartNode": "resolver:web.default.default.dc1",
              "Nodes": {
                "resolver:web.default.default.dc1": {
                  "Type": "resolver", "Name": "web.default.default.dc1",
                  "Resolver": { "ConnectTimeout": "5s", "Default": true, "Target": "web.default.default.dc1" }
                }
              },
              "Targets": {
                "web.default.default.dc1": {
                  "ID": "web.default.default.dc1", "Service": "web", "Namespace": "default", "Partition": "default",
                  "Datacenter": "dc1", "MeshGateway": {}, "Subset": {}, "TransparentProxy": {}, "ConnectTimeout": "5s",
                  "SNI": "web.default.dc1.internal.{{TrustDomain}}", "Name": "web.default.dc1.internal.{{TrustDomain}}"
                }
              },
              "AutoVirtualIPs": null, "ManualVirtualIPs": null
            }
            """;

        Assert.Equal(Compact(expected), Json(chain));
        Assert.Equal("web.default.default.dc1", chain.Id);
    }

    [Fact]
    public void Compile_FailoverToPeer_AddsThePeerTarget()
    {
        var chain = Compile("frontend", [HttpProxyDefaults, FromHcl(PeeringDocExamples.FailoverResolverHcl)]);

        Assert.Equal("resolver:frontend.default.default.dc1", chain.StartNode);
        Assert.False(chain.Default);
        Assert.Equal("http", chain.Protocol);
        var resolver = chain.Nodes[chain.StartNode].Resolver!;
        Assert.Equal(["frontend.default.default.external.cluster-02"], resolver.Failover?.Targets);
        Assert.Equal(TimeSpan.FromSeconds(15), resolver.ConnectTimeout);

        var peer = chain.Targets["frontend.default.default.external.cluster-02"];
        Assert.Equal(
            ("frontend", "default", "default", "", "cluster-02"),
            (peer.Service, peer.Namespace, peer.Partition, peer.Datacenter, peer.Peer));
        Assert.Equal(("", ""), (peer.Sni, peer.Name));
        Assert.Equal(TimeSpan.FromSeconds(15), peer.ConnectTimeout);
        var expected = """
            {
              "ID": "frontend.default.default.external.cluster-02", "Service": "frontend", "Namespace": "default",
              "Partition": "default", "Peer": "cluster-02", "MeshGateway": {}, "Subset": {}, "TransparentProxy": {},
              "ConnectTimeout": "15s"
            }
            """;
        Assert.Equal(Compact(expected), DiscoveryChainJson.EncodeTarget(peer).ToJsonString());
    }

    [Fact]
    public void Compile_RedirectToPeer_StartsAtThePeerResolver()
    {
        var chain = Compile("frontend-peer", [HttpProxyDefaults, FromJson(PeeringDocExamples.RedirectResolverJson)]);

        Assert.Equal("resolver:frontend.default.default.external.cluster-02", chain.StartNode);
        Assert.Equal(["frontend.default.default.external.cluster-02"], chain.Targets.Keys);
        Assert.False(chain.Default);
    }

    [Fact]
    public void Compile_RedirectToPeerWithoutService_TargetsTheSameServiceAtThePeer()
    {
        var resolver = FromJson("""{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-01"}}""");
        ConfigEntryValidator.Validate(resolver, ConfigEntrySet.Empty);

        var chain = Compile("backend", [HttpProxyDefaults, resolver]);

        var target = Assert.Single(chain.Targets.Values);
        Assert.Equal(("backend", "cluster-01"), (target.Service, target.Peer));
        Assert.Equal($"resolver:{target.Id}", chain.StartNode);
    }

    [Fact]
    public void Compile_SplitLocalAndPeer_MatchesTheAcceptanceCheck()
    {
        var chain = Compile(
            "frontend",
            [
                HttpProxyDefaults,
                FromHcl(PeeringDocExamples.FailoverResolverHcl),
                FromJson(PeeringDocExamples.RedirectResolverJson),
                FromHcl(PeeringDocExamples.SplitterHcl),
            ]);
        var json = DiscoveryChainJson.Encode(chain);

        Assert.Equal("splitter:frontend.default.default", json["StartNode"]!.GetValue<string>());
        var splits = json["Nodes"]![json["StartNode"]!.GetValue<string>()]!["Splits"]!.AsArray();
        Assert.Equal(
            ["resolver:frontend.default.default.dc1", "resolver:frontend.default.default.external.cluster-02"],
            splits.Select(s => s!["NextNode"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal([50f, 50f], splits.Select(s => s!["Weight"]!.GetValue<float>()));
        Assert.True(json["Targets"]!.AsObject().ContainsKey("frontend.default.default.external.cluster-02"));
        Assert.False(json["Targets"]!.AsObject().ContainsKey("frontend-peer.default.default.dc1"));
    }

    [Fact]
    public void Validate_PeeringWalkthroughWrites_AreAcceptedInOrder()
    {
        IConfigEntryLookup store = ConfigEntrySet.Empty;
        var stored = new List<ConfigEntry>();
        foreach (var entry in new[]
                 {
                     HttpProxyDefaults,
                     FromHcl(PeeringDocExamples.FailoverResolverHcl),
                     FromJson(PeeringDocExamples.RedirectResolverJson),
                     FromHcl(PeeringDocExamples.SplitterHcl),
                 })
        {
            stored.Add(ConfigEntryValidator.NormalizeAndValidate(entry, store));
            store = new ConfigEntrySet(stored);
        }

        Assert.Equal(4, stored.Count);
    }

    [Fact]
    public void Compile_RouterToARedirectedResolver_RoutesToThePeer()
    {
        var chain = Compile(
            "web",
            [
                HttpProxyDefaults,
                FromJson("""{"Kind":"service-resolver","Name":"api-remote","Redirect":{"Service":"api","Peer":"cluster-02"}}"""),
                FromHcl("""
                    Kind = "service-router"
                    Name = "web"
                    Routes = [
                      {
                        Match { HTTP { PathPrefix = "/api" } }
                        Destination { Service = "api-remote" }
                      }
                    ]
                    """),
            ]);

        Assert.Equal("router:web.default.default", chain.StartNode);
        var routes = chain.Nodes[chain.StartNode].Routes;
        Assert.Equal(
            ["resolver:api.default.default.external.cluster-02", "resolver:web.default.default.dc1"], routes.Select(r => r.NextNode));
        Assert.Equal("/", routes[1].Definition.Match?.Http?.PathPrefix);
        Assert.Equal("cluster-02", chain.Targets["api.default.default.external.cluster-02"].Peer);
    }

    [Fact]
    public void Compile_SplitterOnTcpService_IsAGraphError()
    {
        var ex = Assert.Throws<ConfigEntryGraphException>(() => Compile("frontend", [FromHcl(PeeringDocExamples.SplitterHcl)]));

        Assert.Equal(ErrorCode.Rejected, ex.Code);
        Assert.Equal(
            "discovery chain \"frontend\" uses a protocol \"tcp\" that does not permit advanced routing or splitting behavior",
            ex.Message);
    }

    [Fact]
    public void Validate_SplitterWhileProtocolIsTcp_IsRefused()
    {
        var store = new ConfigEntrySet([FromJson("""{"Kind":"service-defaults","Name":"frontend","Protocol":"tcp"}""")]);

        var ex = Assert.Throws<ConfigEntryValidationException>(() =>
            ConfigEntryValidator.NormalizeAndValidate(FromHcl(PeeringDocExamples.SplitterHcl), store));

        Assert.Equal(
            "discovery chain \"frontend\" uses a protocol \"tcp\" that does not permit advanced routing or splitting behavior",
            ex.Message);
    }

    [Fact]
    public void Validate_RouterWithoutHttpProtocol_IsRefused()
    {
        var router = FromJson("""{"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"PathPrefix":"/a"}}}]}""");

        var ex = Assert.Throws<ConfigEntryValidationException>(
            () => ConfigEntryValidator.NormalizeAndValidate(router, ConfigEntrySet.Empty));

        Assert.Equal(
            "discovery chain \"web\" uses a protocol \"tcp\" that does not permit advanced routing or splitting behavior",
            ex.Message);
    }

    [Fact]
    public void Validate_ChangingProtocolUnderAnExistingSplitter_IsRefused()
    {
        var store = new ConfigEntrySet([HttpProxyDefaults, ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.SplitterHcl))]);

        var ex = Assert.Throws<ConfigEntryValidationException>(() => ConfigEntryValidator.NormalizeAndValidate(
            FromJson("""{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"tcp"}}"""), store));

        Assert.Equal(
            "discovery chain \"frontend\" uses a protocol \"tcp\" that does not permit advanced routing or splitting behavior",
            ex.Message);
    }

    [Fact]
    public void ValidateDelete_ProxyDefaultsUnderASplitter_IsRefused()
    {
        var store = new ConfigEntrySet([HttpProxyDefaults, ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.SplitterHcl))]);

        var ex = Assert.Throws<ConfigEntryValidationException>(() =>
            ConfigEntryValidator.ValidateDelete(ConfigEntryKinds.ProxyDefaults, "global", store));

        Assert.Contains("does not permit advanced routing or splitting behavior", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SplitAcrossProtocols_IsInconsistent()
    {
        var ex = Assert.Throws<ConfigEntryGraphException>(() => Compile(
            "web",
            [
                HttpProxyDefaults,
                FromJson("""{"Kind":"service-defaults","Name":"api","Protocol":"tcp"}"""),
                FromJson("""{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":50},{"Weight":50,"Service":"api"}]}"""),
            ]));

        Assert.Equal("discovery chain \"web\" uses inconsistent protocols; service \"api\" has \"tcp\" which is not \"http\"", ex.Message);
    }

    [Fact]
    public void Compile_PeerTargets_AreNotProtocolChecked()
    {
        // The peer's protocol is unknown locally; only local services count.
        var chain = Compile(
            "web",
            [
                FromJson("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}"""),
                FromJson("""{"Kind":"service-defaults","Name":"web-peer","Protocol":"http"}"""),
                FromJson("""{"Kind":"service-defaults","Name":"api","Protocol":"grpc"}"""),
                FromJson("""{"Kind":"service-resolver","Name":"web-peer","Redirect":{"Service":"api","Peer":"cluster-02"}}"""),
                FromJson("""{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":90},{"Weight":10,"Service":"web-peer"}]}"""),
            ]);

        Assert.Equal("http", chain.Protocol);
        Assert.Contains("api.default.default.external.cluster-02", chain.Targets.Keys);
    }

    [Fact]
    public void Compile_CircularRedirect_IsAGraphError()
    {
        var ex = Assert.Throws<ConfigEntryGraphException>(() => Compile(
            "a",
            [
                FromJson("""{"Kind":"service-resolver","Name":"a","Redirect":{"Service":"b"}}"""),
                FromJson("""{"Kind":"service-resolver","Name":"b","Redirect":{"Service":"a"}}"""),
            ]));

        Assert.Equal(
            "detected circular resolver redirect: [a.default.default.dc1 -> b.default.default.dc1 -> a.default.default.dc1]", ex.Message);
    }

    [Fact]
    public void Compile_CircularSplitters_IsAGraphError()
    {
        var ex = Assert.Throws<ConfigEntryGraphException>(() => Compile(
            "a",
            [
                HttpProxyDefaults,
                FromJson("""{"Kind":"service-splitter","Name":"a","Splits":[{"Weight":100,"Service":"b"}]}"""),
                FromJson("""{"Kind":"service-splitter","Name":"b","Splits":[{"Weight":100,"Service":"a"}]}"""),
            ]));

        Assert.Equal(
            "detected circular reference: [splitter:a.default.default -> splitter:b.default.default -> splitter:a.default.default]",
            ex.Message);
    }

    [Fact]
    public void Compile_RouteToMissingSubset_IsAGraphError()
    {
        var ex = Assert.Throws<ConfigEntryGraphException>(() => Compile(
            "web",
            [
                HttpProxyDefaults,
                FromJson("""{"Kind":"service-router","Name":"web","Routes":[{"Destination":{"ServiceSubset":"v9"}}]}"""),
            ]));

        Assert.Equal("service \"web\" does not have a subset named \"v9\"", ex.Message);
    }

    [Fact]
    public void Compile_DefaultSubsetAndDatacenterFailover_NameSubsetAndRemoteTargets()
    {
        var chain = Compile(
            "web",
            [
                FromJson("""
                    {"Kind":"service-resolver","Name":"web","DefaultSubset":"v1",
                     "Subsets":{"v1":{"Filter":"Service.Meta.version == v1","OnlyPassing":true}},
                     "Failover":{"*":{"Datacenters":["dc1","dc2"]}}}
                    """),
            ]);

        Assert.Equal("resolver:v1.web.default.default.dc1", chain.StartNode);
        Assert.Equal(["v1.web.default.default.dc2"], chain.Nodes[chain.StartNode].Resolver?.Failover?.Targets);
        var primary = chain.Targets["v1.web.default.default.dc1"];
        Assert.Equal($"v1.web.default.dc1.internal.{TrustDomain}", primary.Sni);
        Assert.True(primary.Subset.OnlyPassing);
    }

    [Fact]
    public void Compile_FailoverTargetsMixingLocalAndPeers_KeepTheirOrder()
    {
        var chain = Compile(
            "api",
            [
                FromJson("""
                    {"Kind":"service-resolver","Name":"api","ConnectTimeout":"10s","Failover":{"*":{"Targets":[
                      {"Peer":"cluster-02"},{"Peer":"cluster-03","Service":"api-v2"},{"Datacenter":"dc2"},{"Peer":"cluster-02"}]}}}
                    """),
            ]);

        Assert.Equal(
            ["api.default.default.external.cluster-02", "api-v2.default.default.external.cluster-03", "api.default.default.dc2",
                "api.default.default.external.cluster-02"],
            chain.Nodes[chain.StartNode].Resolver?.Failover?.Targets);
        Assert.Equal(TimeSpan.FromSeconds(5), chain.Targets["api-v2.default.default.external.cluster-03"].ConnectTimeout);
    }

    [Fact]
    public void Compile_NestedSplitters_FlattenWithEffectiveWeights()
    {
        var chain = Compile(
            "web",
            [
                HttpProxyDefaults,
                FromJson("""{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":50},{"Weight":50,"Service":"canary"}]}"""),
                FromJson(
                    """{"Kind":"service-splitter","Name":"canary","Splits":[{"Weight":50,"Service":"x"},{"Weight":50,"Service":"y"}]}"""),
            ]);

        var splits = chain.Nodes[chain.StartNode].Splits;
        Assert.Equal(
            [("resolver:web.default.default.dc1", 50f), ("resolver:x.default.default.dc1", 25f), ("resolver:y.default.default.dc1", 25f)],
            splits.Select(s => (s.NextNode, s.Weight)));
        Assert.DoesNotContain("splitter:canary.default.default", chain.Nodes.Keys);
    }

    [Fact]
    public void Compile_OverrideConnectTimeout_AppliesAndMarksTheChainCustomized()
    {
        var chain = Compile("web", [], r => r with { OverrideConnectTimeout = TimeSpan.FromSeconds(7) });

        Assert.Equal(TimeSpan.FromSeconds(7), chain.Targets["web.default.default.dc1"].ConnectTimeout);
        Assert.Matches("^[0-9a-f]{8}$", chain.CustomizationHash);
    }

    [Fact]
    public void Compile_OverrideProtocolTcp_DropsSplittersAndRouters()
    {
        var chain = Compile(
            "frontend",
            [HttpProxyDefaults, FromJson(PeeringDocExamples.RedirectResolverJson), FromHcl(PeeringDocExamples.SplitterHcl)],
            r => r with { OverrideProtocol = "tcp" });

        Assert.Equal("resolver:frontend.default.default.dc1", chain.StartNode);
        Assert.Equal("tcp", chain.Protocol);
        Assert.NotEqual("", chain.CustomizationHash);
    }

    [Fact]
    public void Compile_OverrideProtocolGrpc_ReplacesTheProtocol()
    {
        var chain = Compile("web", [HttpProxyDefaults], r => r with { OverrideProtocol = "grpc" });

        Assert.Equal("grpc", chain.Protocol);
        Assert.NotEqual("", chain.CustomizationHash);
    }

    [Fact]
    public void Compile_OverrideMeshGateway_SetsEveryLocalTargetsMode()
    {
        var plain = Compile("web", []);
        var remote = Compile("web", [], r => r with { OverrideMeshGateway = new MeshGatewayConfig { Mode = "remote" } });

        Assert.Equal("", plain.Targets["web.default.default.dc1"].MeshGateway.Mode);
        Assert.Equal("", plain.CustomizationHash);
        Assert.Equal("remote", remote.Targets["web.default.default.dc1"].MeshGateway.Mode);
        Assert.NotEqual("", remote.CustomizationHash);
    }

    [Fact]
    public void Compile_MeshGatewayModeFromDefaults_ReachesPeerTargets()
    {
        var chain = Compile(
            "frontend-peer",
            [
                FromJson("""{"Kind":"proxy-defaults","Name":"global","MeshGateway":{"Mode":"local"}}"""),
                FromJson(PeeringDocExamples.RedirectResolverJson),
            ]);

        Assert.Equal("local", chain.Targets["frontend.default.default.external.cluster-02"].MeshGateway.Mode);
    }

    [Fact]
    public void Compile_ServiceDefaultsMeta_IsTheChainsServiceMeta()
    {
        var chain = Compile("web", [FromJson("""{"Kind":"service-defaults","Name":"web","Protocol":"http","Meta":{"team":"a"}}""")]);

        Assert.Equal("a", chain.ServiceMeta["team"]);
        Assert.True(chain.Default);
        Assert.Equal("http", chain.Protocol);
    }

    [Fact]
    public void Compile_MissingDatacenter_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
        {
            ServiceName = "web",
            EvaluateInDatacenter = "",
            EvaluateInTrustDomain = TrustDomain,
            Entries = ConfigEntrySet.Empty,
        }));
    }
}
