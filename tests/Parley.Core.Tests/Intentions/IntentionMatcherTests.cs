using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;
using Parley.Core.Tests.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.Intentions;

public sealed class IntentionMatcherTests
{
    private static ServiceIntentionsConfigEntry[] Entries(params string[] json) =>
        json.Select(j => (ServiceIntentionsConfigEntry)ConfigEntryValidator.NormalizeAndValidate(FromJson(j), ConfigEntrySet.Empty))
            .ToArray();

    [Fact]
    public void Decide_ExactSourceBeatsWildcardSource()
    {
        var entries = Entries("""
            {"Kind":"service-intentions","Name":"db","Sources":[{"Name":"*","Action":"deny"},{"Name":"api","Action":"allow"}]}
            """);

        var api = IntentionMatcher.Decide(entries, new IntentionCaller("api"), "db");
        var web = IntentionMatcher.Decide(entries, new IntentionCaller("web"), "db");

        Assert.True(api.Allowed);
        Assert.Equal(("api", 9), (api.Intention?.SourceName, api.Intention?.Precedence));
        Assert.False(web.Allowed);
        Assert.Equal(("*", 8), (web.Intention?.SourceName, web.Intention?.Precedence));
    }

    [Fact]
    public void Decide_ExactDestinationBeatsWildcardDestination()
    {
        var entries = Entries(
            """{"Kind":"service-intentions","Name":"*","Sources":[{"Name":"api","Action":"deny"}]}""",
            """{"Kind":"service-intentions","Name":"db","Sources":[{"Name":"*","Action":"allow"}]}""");

        var toDb = IntentionMatcher.Decide(entries, new IntentionCaller("api"), "db", defaultAllow: false);
        var toCache = IntentionMatcher.Decide(entries, new IntentionCaller("api"), "cache", defaultAllow: true);

        Assert.True(toDb.Allowed);
        Assert.Equal(8, toDb.Intention?.Precedence);
        Assert.False(toCache.Allowed);
        Assert.Equal(6, toCache.Intention?.Precedence);
    }

    [Fact]
    public void Decide_PeerSource_MatchesOnlyCallersFromThatPeer()
    {
        var entries = new[] { (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.IntentionsHcl)) };

        var fromPeer = IntentionMatcher.Decide(
            entries,
            new IntentionCaller("frontend-service", Peer: "cluster-02"),
            "backend-service",
            defaultAllow: false);
        var local = IntentionMatcher.Decide(entries, new IntentionCaller("frontend-service"), "backend-service", defaultAllow: false);
        var otherPeer = IntentionMatcher.Decide(
            entries,
            new IntentionCaller("frontend-service", Peer: "cluster-03"),
            "backend-service",
            defaultAllow: false);

        Assert.True(fromPeer.Allowed);
        Assert.Equal("cluster-02", fromPeer.Intention?.SourcePeer);
        Assert.False(local.Allowed);
        Assert.True(local.IsDefault);
        Assert.Null(local.Intention);
        Assert.False(otherPeer.Allowed);
        Assert.True(otherPeer.IsDefault);
    }

    [Fact]
    public void Decide_LocalAndPeerSourcesWithTheSameName_AreDecidedSeparately()
    {
        var entries = Entries("""
            {"Kind":"service-intentions","Name":"web","Sources":[
              {"Name":"frontend","Action":"deny"},
              {"Name":"frontend","Peer":"cluster-02","Action":"allow"}]}
            """);

        Assert.False(IntentionMatcher.Decide(entries, new IntentionCaller("frontend"), "web").Allowed);
        Assert.True(IntentionMatcher.Decide(entries, new IntentionCaller("frontend", Peer: "cluster-02"), "web").Allowed);
    }

    [Fact]
    public void Decide_LocalWildcardSource_NeverMatchesPeeredTraffic()
    {
        var entries = Entries("""{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"*","Action":"allow"}]}""");

        var peered = IntentionMatcher.Decide(entries, new IntentionCaller("frontend", Peer: "cluster-02"), "web", defaultAllow: false);

        Assert.False(peered.Allowed);
        Assert.True(peered.IsDefault);
    }

    [Fact]
    public void Decide_WildcardNameWithPeer_CoversEveryServiceOfThatPeer()
    {
        var entries = Entries("""
            {"Kind":"service-intentions","Name":"web","Sources":[
              {"Name":"frontend","Peer":"cluster-02","Action":"allow"},
              {"Name":"*","Peer":"cluster-03","Action":"deny"}]}
            """);

        Assert.False(IntentionMatcher.Decide(entries, new IntentionCaller("anything", Peer: "cluster-03"), "web").Allowed);
        Assert.False(IntentionMatcher.Decide(entries, new IntentionCaller("frontend", Peer: "cluster-03"), "web").Allowed);
        Assert.True(IntentionMatcher.Decide(entries, new IntentionCaller("frontend", Peer: "cluster-02"), "web").Allowed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decide_NothingMatches_GivesTheDefault(bool defaultAllow)
    {
        var decision = IntentionMatcher.Decide([], new IntentionCaller("api"), "db", defaultAllow);

        Assert.Equal(defaultAllow, decision.Allowed);
        Assert.True(decision.IsDefault);
        Assert.Null(decision.Intention);
    }

    [Fact]
    public void Decide_NamespaceAndPartitionOfLocalCaller_MustMatch()
    {
        var entries = Entries("""{"Kind":"service-intentions","Name":"db","Sources":[{"Name":"api","Action":"allow"}]}""");

        Assert.True(IntentionMatcher.Decide(entries, new IntentionCaller("api"), "db", defaultAllow: false).Allowed);
        Assert.False(IntentionMatcher.Decide(entries, new IntentionCaller("api", Namespace: "team"), "db", defaultAllow: false).Allowed);
        Assert.False(IntentionMatcher.Decide(entries, new IntentionCaller("api", Partition: "ap1"), "db", defaultAllow: false).Allowed);
    }

    private static ServiceIntentionsConfigEntry[] L7Entries() => Entries("""
        {"Kind":"service-intentions","Name":"api","Sources":[{"Name":"web","Peer":"cluster-02","Permissions":[
          {"Action":"deny","HTTP":{"PathPrefix":"/admin"}},
          {"Action":"allow","HTTP":{"PathPrefix":"/v2/","Methods":["get","HEAD"]}},
          {"Action":"allow","HTTP":{"PathExact":"/healthz"}},
          {"Action":"allow","HTTP":{"PathRegex":"/items/[0-9]+","Header":[{"Name":"X-Version","Exact":"2"}]}},
          {"Action":"allow","HTTP":{"PathPrefix":"/beta","Header":[{"Name":"x-internal","Present":true,"Invert":true}]}}]}]}
        """);

    [Theory]
    [InlineData("GET", "/admin/users", false, false)]
    [InlineData("GET", "/v2/orders", true, false)]
    [InlineData("POST", "/v2/orders", false, true)]
    [InlineData("GET", "/healthz?verbose=1", true, false)]
    [InlineData("GET", "/healthz/deep", false, true)]
    [InlineData("PUT", "/items/42", true, false)]
    [InlineData("PUT", "/items/abc", false, true)]
    public void Decide_L7Permissions_FirstMatchingPermissionDecides(string method, string path, bool allowed, bool isDefault)
    {
        var request = new HttpRequestInfo
        {
            Method = method,
            Path = path,
            Headers = new Dictionary<string, string> { ["x-version"] = "2" },
        };

        var decision = IntentionMatcher.Decide(
            L7Entries(),
            new IntentionCaller("web", Peer: "cluster-02"),
            "api",
            defaultAllow: false,
            request);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(isDefault, decision.IsDefault);
        Assert.True(decision.HasPermissions);
        Assert.Equal(isDefault, decision.Permission is null);
    }

    [Fact]
    public void Decide_L7HeaderConditions_RespectInvertAndCase()
    {
        var entries = L7Entries();
        var caller = new IntentionCaller("web", Peer: "cluster-02");
        var withoutHeader = new HttpRequestInfo { Path = "/beta/x" };
        var withHeader = withoutHeader with { Headers = new Dictionary<string, string> { ["X-Internal"] = "1" } };
        var wrongVersion = new HttpRequestInfo { Path = "/items/1", Headers = new Dictionary<string, string> { ["X-VERSION"] = "3" } };

        Assert.True(IntentionMatcher.Decide(entries, caller, "api", defaultAllow: false, withoutHeader).Allowed);
        Assert.False(IntentionMatcher.Decide(entries, caller, "api", defaultAllow: false, withHeader).Allowed);
        Assert.False(IntentionMatcher.Decide(entries, caller, "api", defaultAllow: false, wrongVersion).Allowed);
    }

    [Fact]
    public void Decide_L7IntentionWithoutRequest_DeniesLikeConsulsCheck()
    {
        var decision = IntentionMatcher.Decide(L7Entries(), new IntentionCaller("web", Peer: "cluster-02"), "api", defaultAllow: true);

        Assert.False(decision.Allowed);
        Assert.True(decision.HasPermissions);
        Assert.False(decision.IsDefault);
        Assert.StartsWith("Matched L7 intention", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_L7IntentionNoPermissionMatches_DefaultAllowApplies()
    {
        var decision = IntentionMatcher.Decide(
            L7Entries(), new IntentionCaller("web", Peer: "cluster-02"), "api", defaultAllow: true,
                new HttpRequestInfo { Path = "/other" });

        Assert.True(decision.Allowed);
        Assert.True(decision.IsDefault);
        Assert.NotNull(decision.Intention);
    }
}
