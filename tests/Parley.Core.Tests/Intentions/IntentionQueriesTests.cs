using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;
using Parley.Core.Tests.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.Intentions;

public sealed class IntentionQueriesTests
{
    private static readonly ServiceIntentionsConfigEntry[] Entries =
    [
        Stored("""
            {"Kind":"service-intentions","Name":"db","Meta":{"owner":"team-a"},"Sources":[
              {"Name":"*","Action":"deny"},
              {"Name":"api","Action":"allow","Description":"api reads"},
              {"Name":"api","Peer":"cluster-02","Action":"allow"}]}
            """),
        Stored("""{"Kind":"service-intentions","Name":"*","Sources":[{"Name":"api","Action":"deny"},{"Name":"*","Action":"allow"}]}"""),
        Stored("""{"Kind":"service-intentions","Name":"cache","Sources":[{"Name":"api","Action":"allow"}]}"""),
    ];

    private static ServiceIntentionsConfigEntry Stored(string json) =>
        (ServiceIntentionsConfigEntry)ConfigEntryValidator.NormalizeAndValidate(FromJson(json), ConfigEntrySet.Empty) with
        {
            CreateIndex = 10,
            ModifyIndex = 12,
        };

    [Fact]
    public void Encode_PeerSource_IsTheLegacyIntentionShape()
    {
        var entry = (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.IntentionsHcl)) with
        {
            CreateIndex = 30,
            ModifyIndex = 31,
        };

        var json = IntentionConverter.Encode(Assert.Single(IntentionConverter.ToIntentions(entry)));

        var expected = """
            {
              "ID": "", "SourcePeer": "cluster-02", "SourceNS": "default", "SourceName": "frontend-service",
              "DestinationNS": "default", "DestinationName": "backend-service", "SourceType": "consul", "Action": "allow",
              "Meta": null, "Precedence": 9, "CreatedAt": "0001-01-01T00:00:00Z", "UpdatedAt": "0001-01-01T00:00:00Z",
              "Hash": null, "CreateIndex": 30, "ModifyIndex": 31
            }
            """;
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), json.ToJsonString());
    }

    [Fact]
    public void Encode_LocalSource_OmitsSourcePeerAndCarriesEntryMeta()
    {
        var intention = IntentionQueries.Exact(Entries, "api", "db")!;

        var json = IntentionConverter.Encode(intention);

        Assert.False(json.ContainsKey("SourcePeer"));
        Assert.Equal("api reads", json["Description"]!.GetValue<string>());
        Assert.Equal("team-a", json["Meta"]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public void Encode_L7Source_ListsPermissionsAndNoAction()
    {
        var entry = Stored("""
            {"Kind":"service-intentions","Name":"api","Sources":[{"Name":"web","Permissions":[{"Action":"allow","HTTP":{"PathPrefix":"/v2",
             "Methods":["get"]}}]}]}
            """);

        var json = IntentionConverter.Encode(IntentionConverter.ToIntentions(entry)[0]);

        Assert.False(json.ContainsKey("Action"));
        Assert.Equal(
            """[{"Action":"allow","HTTP":{"PathPrefix":"/v2","Methods":["GET"]}}]""",
            json["Permissions"]!.ToJsonString());
    }

    [Fact]
    public void MatchByDestination_IncludesWildcardDestinations_SortedByPrecedence()
    {
        var matches = IntentionQueries.MatchByDestination(Entries, "db");

        Assert.Equal(
            [("api", "", "db", 9), ("api", "cluster-02", "db", 9), ("*", "", "db", 8), ("api", "", "*", 6), ("*", "", "*", 5)],
            matches.Select(i => (i.SourceName, i.SourcePeer, i.DestinationName, i.Precedence)));
    }

    [Fact]
    public void MatchBySource_SeparatesLocalAndPeerSources()
    {
        var local = IntentionQueries.MatchBySource(Entries, "api");
        var peered = IntentionQueries.MatchBySource(Entries, "api", peer: "cluster-02");

        Assert.Equal(
            [("cache", 9), ("db", 9), ("db", 8), ("*", 6), ("*", 5)],
            local.Select(i => (i.DestinationName, i.Precedence)));
        Assert.Equal([("db", "cluster-02")], peered.Select(i => (i.DestinationName, i.SourcePeer)));
    }

    [Fact]
    public void Exact_FindsOnlyTheExactPair()
    {
        Assert.Equal("allow", IntentionQueries.Exact(Entries, "api", "db")?.Action);
        Assert.Equal("cluster-02", IntentionQueries.Exact(Entries, "api", "db", sourcePeer: "cluster-02")?.SourcePeer);
        Assert.Null(IntentionQueries.Exact(Entries, "web", "db"));
        Assert.Equal("*", IntentionQueries.Exact(Entries, "*", "db")?.SourceName);
    }

    [Fact]
    public void Check_UsesPrecedenceThenDefault()
    {
        Assert.True(IntentionQueries.Check(Entries, new IntentionCaller("api"), "db", defaultAllow: false));
        Assert.False(IntentionQueries.Check(Entries, new IntentionCaller("web"), "db", defaultAllow: true));
        Assert.False(IntentionQueries.Check(Entries, new IntentionCaller("api"), "queue", defaultAllow: true));
        Assert.True(IntentionQueries.Check(Entries, new IntentionCaller("web"), "queue", defaultAllow: false));
        Assert.False(IntentionQueries.Check(Entries, new IntentionCaller("web", Peer: "cluster-02"), "queue", defaultAllow: false));
    }

    [Fact]
    public void All_ListsEveryIntentionByPrecedence()
    {
        var all = IntentionQueries.All(Entries);

        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(i => i.Precedence).OrderDescending(), all.Select(i => i.Precedence));
        Assert.All(all, i => Assert.Equal((10L, 12L), (i.CreateIndex, i.ModifyIndex)));
    }
}
