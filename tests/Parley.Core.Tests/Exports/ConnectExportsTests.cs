using Parley.Core.ConfigEntries;
using Parley.Core.Exports;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.Exports;

public sealed class ConnectExportsTests
{
    private const string TrustDomain = "11111111-2222-3333-4444-555555555555.consul";

    private static ConfigEntrySet Entries(params string[] json) => new(json.Select(j => ConfigEntryNormalizer.Normalize(FromJson(j))));

    private static IReadOnlyDictionary<string, ExportedChainInfo> For(
        IEnumerable<string> exported,
        IEnumerable<string> meshEnabled,
        ConfigEntrySet entries) =>
        ConnectExports.For(exported, meshEnabled.ToHashSet(StringComparer.Ordinal), entries, "dc1", TrustDomain);

    [Fact]
    public void For_OnlyNamesWithASidecarNativeOrChain_AreConnectExported()
    {
        var entries = Entries("""{"Kind":"service-resolver","Name":"chained","ConnectTimeout":"3s"}""");

        var result = For(["chained", "meshed", "plain"], ["meshed", "not-exported"], entries);

        Assert.Equal(["chained", "meshed"], result.Keys);
    }

    [Fact]
    public void ChainInfo_NoEntries_IsTcpWithNoTargets() =>
        Assert.Equal(ExportedChainInfo.Tcp, ConnectExports.ChainInfo("web", ConfigEntrySet.Empty, "dc1", TrustDomain));

    [Fact]
    public void ChainInfo_ProtocolComesFromServiceDefaultsBeforeProxyDefaults()
    {
        var entries = Entries(
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""",
            """{"Kind":"service-defaults","Name":"api","Protocol":"grpc"}""");

        Assert.Equal("grpc", ConnectExports.ChainInfo("api", entries, "dc1", TrustDomain).Protocol);
        Assert.Equal("http", ConnectExports.ChainInfo("web", entries, "dc1", TrustDomain).Protocol);
    }

    [Fact]
    public void ChainInfo_TcpFailoverAndRedirect_ListTheOtherLocalServicesOnly()
    {
        var entries = Entries(
            """{"Kind":"service-resolver","Name":"db","Failover":{"*":{"Targets":[{"Service":"db-backup"},{"Peer":"cluster-02"}]}}}""",
            """{"Kind":"service-resolver","Name":"cache","Redirect":{"Service":"cache-v2"}}""");

        Assert.Equal(new ExportedChainInfo("tcp", ["db-backup"]), ConnectExports.ChainInfo("db", entries, "dc1", TrustDomain));
        Assert.Equal(new ExportedChainInfo("tcp", ["cache-v2"]), ConnectExports.ChainInfo("cache", entries, "dc1", TrustDomain));
    }

    [Fact]
    public void ChainInfo_HttpChain_ListsNoTargets()
    {
        var entries = Entries(
            """{"Kind":"service-defaults","Name":"web","Protocol":"http"}""",
            """{"Kind":"service-defaults","Name":"web-v2","Protocol":"http"}""",
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"web-v2"}}""");

        Assert.Equal(new ExportedChainInfo("http", []), ConnectExports.ChainInfo("web", entries, "dc1", TrustDomain));
    }

    [Fact]
    public void ExportedChainInfo_EqualityComparesTheTargetsByValue()
    {
        Assert.Equal(new ExportedChainInfo("tcp", ["a", "b"]), new ExportedChainInfo("tcp", new List<string> { "a", "b" }));
        Assert.NotEqual(new ExportedChainInfo("tcp", ["a"]), new ExportedChainInfo("tcp", ["b"]));
        Assert.NotEqual(new ExportedChainInfo("tcp", []), new ExportedChainInfo("http", []));
    }
}
