using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Core.Intentions;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.DiscoveryChain.Execution;

public sealed class ChainPlanTests
{
    private const string HttpDefaults = """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""";

    private static ChainPlan Plan(string service, params string[] entries) => Plan(service, true, entries);

    private static ChainPlan Plan(string service, bool failover, params string[] entries)
    {
        var chain = DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
        {
            ServiceName = service,
            EvaluateInDatacenter = "dc1",
            EvaluateInTrustDomain = "td.consul",
            Entries = new ConfigEntrySet(entries.Select(e => ConfigEntryNormalizer.Normalize(FromJson(e)))),
        });
        return ChainPlan.From(chain, failover);
    }

    private static HttpRequestInfo Get(string path, string method = "GET", Dictionary<string, string>? headers = null) =>
        new() { Path = path, Method = method, Headers = headers ?? [] };

    [Fact]
    public void Decide_DefaultChain_ResolvesTheServiceWithTheDefaultConnectTimeout()
    {
        var plan = Plan("backend");

        var decision = plan.Decide(null, 0);

        Assert.Equal(["backend.default.default.dc1"], decision.Resolver!.Targets);
        Assert.Equal(TimeSpan.FromSeconds(5), decision.Resolver.ConnectTimeout);
        Assert.Null(decision.RequestTimeout);
        Assert.True(plan.StartsAtResolver);
        Assert.Equal("tcp", plan.Protocol);
    }

    [Fact]
    public void Decide_ResolverWithPeerFailover_OrdersLocalThenPeer()
    {
        var plan = Plan("backend", """
            {"Kind":"service-resolver","Name":"backend","ConnectTimeout":"2s","RequestTimeout":"9s",
             "Failover":{"*":{"Targets":[{"Peer":"cluster-01"}]}}}
            """);

        var decision = plan.Decide(null, 0);

        Assert.Equal(["backend.default.default.dc1", "backend.default.default.external.cluster-01"], decision.Resolver!.Targets);
        Assert.Equal(TimeSpan.FromSeconds(2), decision.Resolver.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), decision.RequestTimeout);
        Assert.Equal(decision.Resolver.Targets, plan.TargetIds);
    }

    [Fact]
    public void SelectTarget_SkipsTargetsWithoutHealthyEndpoints_AndComesBack()
    {
        var resolver = Plan(
            "backend",
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"p1"},{"Peer":"p2"}]}}}""")
            .Decide(null, 0).Resolver!;

        Assert.Equal("backend.default.default.external.p2", resolver.SelectTarget(t => t.EndsWith("p2", StringComparison.Ordinal)));
        Assert.Equal("backend.default.default.dc1", resolver.SelectTarget(_ => true));
        Assert.Null(resolver.SelectTarget(_ => false));
    }

    [Fact]
    public void Decide_RedirectToPeer_HasOnlyThePeerTarget()
    {
        var plan = Plan("backend", """{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-01"}}""");

        Assert.Equal(["backend.default.default.external.cluster-01"], plan.Decide(null, 0).Resolver!.Targets);
    }

    [Fact]
    public void Decide_Splitter_PicksLegsByWeight()
    {
        var plan = Plan("backend", HttpDefaults,
            """{"Kind":"service-resolver","Name":"backend-peer","Redirect":{"Service":"backend","Peer":"cluster-01"}}""",
            """{"Kind":"service-splitter","Name":"backend","Splits":[{"Weight":25},{"Weight":75,"Service":"backend-peer"}]}""");

        Assert.Equal("backend.default.default.dc1", plan.Decide(Get("/"), 0.0).Resolver!.PrimaryTarget);
        Assert.Equal("backend.default.default.dc1", plan.Decide(Get("/"), 0.2499).Resolver!.PrimaryTarget);
        Assert.Equal("backend.default.default.external.cluster-01", plan.Decide(Get("/"), 0.25).Resolver!.PrimaryTarget);
        Assert.Equal("backend-peer", plan.Decide(Get("/"), 0.99).Split!.Service);
        Assert.Null(plan.Decide(Get("/"), 0.5).RequestTimeout);
    }

    [Fact]
    public void Decide_Router_FirstMatchWinsAndTheRestFallsThrough()
    {
        var plan = Plan("backend", HttpDefaults,
            """{"Kind":"service-resolver","Name":"backend-peer","Redirect":{"Service":"backend","Peer":"cluster-01"}}""",
            """
            {"Kind":"service-router","Name":"backend","Routes":[
              {"Match":{"HTTP":{"PathPrefix":"/admin","Methods":["POST"]}},"Destination":{"Service":"backend-peer","RequestTimeout":"3s"}},
              {"Match":{"HTTP":{"PathPrefix":"/admin"}},"Destination":{"Service":"backend-peer","PrefixRewrite":"/a"}}]}
            """);

        var post = plan.Decide(Get("/admin/x", "POST"), 0);
        var get = plan.Decide(Get("/admin/x?q=1"), 0);
        var other = plan.Decide(Get("/other"), 0);

        Assert.Equal("backend.default.default.external.cluster-01", post.Resolver!.PrimaryTarget);
        Assert.Equal(TimeSpan.FromSeconds(3), post.RequestTimeout);
        Assert.Equal("/a/x?q=1", get.Route!.Matcher.Rewrite("/admin/x?q=1", get.Route.Destination.PrefixRewrite));
        Assert.Equal("backend.default.default.dc1", other.Resolver!.PrimaryTarget);
        Assert.Null(other.RequestTimeout);
    }

    [Fact]
    public void Decide_NoRouteForTcp_HasNoResolver()
    {
        var plan = Plan("backend", HttpDefaults, """{"Kind":"service-router","Name":"backend","Routes":[]}""");

        Assert.Null(plan.Decide(null, 0).Resolver);
    }

    [Fact]
    public void SingleTarget_IsAResolverWithoutFailover()
    {
        var plan = ChainPlan.SingleTarget("backend.default.default.external.p", "http", TimeSpan.FromSeconds(5));

        Assert.Equal(["backend.default.default.external.p"], plan.Decide(Get("/"), 0.7).Resolver!.Targets);
    }

    [Fact]
    public void From_WithoutFailover_KeepsOnlyEachResolversOwnTarget()
    {
        var plan = Plan("backend", failover: false, """
            {"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-01"},{"Service":"backup"}]}}}
            """);

        Assert.Equal(["backend.default.default.dc1"], plan.Decide(null, 0).Resolver!.Targets);
        Assert.Equal(["backend.default.default.dc1"], plan.TargetIds);
    }
}
