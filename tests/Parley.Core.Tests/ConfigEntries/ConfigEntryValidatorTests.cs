using Parley.Core.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.ConfigEntries;

/// <summary>Each rule of consul-compat sections 5 and 6, with Consul's exact text.</summary>
public sealed class ConfigEntryValidatorTests
{
    public static TheoryData<string, string> ExportedServicesRules => new()
    {
        { """{"Kind":"exported-services","Name":"web","Services":[]}""", "exported-services Name must be \"default\"" },
        { """{"Kind":"exported-services","Name":"default","Services":[{"Consumers":[{"Peer":"p"}]}]}""",
            "Services[0]: service name cannot be empty" },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Namespace":"*","Consumers":[{"Peer":"p"}]}]}""",
            "Services[0]: service name must be wildcard if namespace is wildcard"
        },
        { """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web"}]}""", "Services[0]: must have at least one consumer" },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"p","Partition":"ap1"}]}]}""",
            "Services[0].Consumers[0]: must define at most one of Peer, Partition, or SamenessGroup"
        },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Partition":"*"}]}]}""",
            "Services[0].Consumers[0]: exporting to all partitions (wildcard) is not supported"
        },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"x","Consumers":[{"Peer":"*"}]}]}""",
            "Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported"
        },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"SamenessGroup":"sg"}]}]}""",
            "Services[0].Consumers[0]: sameness-groups are an enterprise-only feature"
        },
        {
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Partition":"ap1"}]}]}""",
            "Services[0].Consumers[0]: partitions are an enterprise-only feature"
        },
    };

    public static TheoryData<string, string> IntentionRules => new()
    {
        { """{"Kind":"service-intentions","Sources":[{"Name":"a","Action":"allow"}]}""", "Name is required" },
        { """{"Kind":"service-intentions","Name":"web*","Sources":[{"Name":"a","Action":"allow"}]}""",
            "Name: wildcard character '*' cannot be used with partial values" },
        { """{"Kind":"service-intentions","Name":"web"}""", "At least one source is required" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Action":"allow"}]}""", "Sources[0].Name is required" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"fr*nt","Action":"allow"}]}""",
            "Sources[0].Name: wildcard character '*' cannot be used with partial values" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Namespace":"*","Action":"allow"}]}""",
            "Sources[0].Name: exact value cannot follow wildcard namespace" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Peer":"*","Action":"allow"}]}""",
            "Sources[0].Peer: cannot use wildcard '*' in peer" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Peer":"cluster-*","Action":"allow"}]}""",
            "Sources[0].Peer: cannot use wildcard '*' in peer" },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[""" +
                """{"Name":"a","Peer":"cluster-02","Partition":"ap1","Action":"allow"}]}""",
            "Sources[0].Peer: cannot set Peer and Partition at the same time."
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[""" +
                """{"Name":"a","SamenessGroup":"sg","Partition":"ap1","Action":"allow"}]}""",
            "Sources[0].SamenessGroup: cannot set SamenessGroup and Partition at the same time"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[""" +
                """{"Name":"a","SamenessGroup":"sg","Peer":"cluster-02","Action":"allow"}]}""",
            "Sources[0].SamenessGroup: cannot set SamenessGroup and Peer at the same time"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","SamenessGroup":"sg","Action":"allow"}]}""",
            "Sources[0].SamenessGroup: Sameness groups are a Consul Enterprise feature. "
        },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a"}]}""", "Sources[0].Action must be set to 'allow' or 'deny'" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"permit"}]}""",
            "Sources[0].Action must be set to 'allow' or 'deny'" },
        { """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"allow","Type":"external"}]}""",
            "Sources[0].Type must be set to 'consul'" },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"allow","LegacyMeta":{"k":"v"}}]}""",
            "Sources[0].LegacyMeta must be omitted"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"allow","Permissions":[""" +
                """{"Action":"allow","HTTP":{"PathPrefix":"/"}}]}]}""",
            "Sources[0].Action must be omitted if Permissions are specified"
        },
        {
            """{"Kind":"service-intentions","Name":"*","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":""" +
                """{"PathPrefix":"/"}}]}]}""",
            "Sources[0].Permissions cannot be specified on intentions with wildcarded destinations"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"maybe","HTTP":""" +
                """{"PathPrefix":"/"}}]}]}""",
            "Sources[0].Permissions[0].Action must be set to 'allow' or 'deny'"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow"}]}]}""",
            "Sources[0].Permissions[0].HTTP is required"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":""" +
                """{"PathExact":"api"}}]}]}""",
            "Sources[0].Permissions[0].HTTP.PathExact doesn't start with '/': \"api\""
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":""" +
                """{"PathPrefix":"api"}}]}]}""",
            "Sources[0].Permissions[0].HTTP.PathPrefix doesn't start with '/': \"api\""
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":""" +
                """{"PathExact":"/a","PathRegex":"/b"}}]}]}""",
            "Sources[0].Permissions[0].HTTP should only contain at most one of PathExact, PathPrefix, or PathRegex"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":{"Header":[""" +
                """{"Exact":"x"}]}}]}]}""",
            "Sources[0].Permissions[0].HTTP.Header[0] missing required Name field"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":{"Header":[""" +
                """{"Name":"x","Exact":"1","Prefix":"2"}]}}]}]}""",
            "Sources[0].Permissions[0].HTTP.Header[0] should only contain one of Present, Exact, Prefix, Suffix, or Regex"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":{"Methods":""" +
                """["FETCH"]}}]}]}""",
            "Sources[0].Permissions[0].HTTP.Methods contains an invalid method \"FETCH\""
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":{"Methods":""" +
                """["get","GET"]}}]}]}""",
            "Sources[0].Permissions[0].HTTP.Methods contains \"GET\" more than once"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Permissions":[{"Action":"allow","HTTP":{}}]}]}""",
            "Sources[0].Permissions[0].HTTP should not be empty"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Action":"allow"},{"Name":"a","Action":"deny"}]}""",
            "Sources[1] defines \"a\" more than once"
        },
        {
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"a","Peer":"cluster-02","Action":"allow"},""" +
                """{"Name":"a","Peer":"cluster-02","Action":"deny"}]}""",
            "Sources[1] defines peer(\"cluster-02\") \"a\" more than once"
        },
    };

    public static TheoryData<string, string> ResolverRules => new()
    {
        { """{"Kind":"service-resolver","ConnectTimeout":"1s"}""", "Name is required" },
        { """{"Kind":"service-resolver","Name":"web","Subsets":{"V1":{}}}""",
            "Subset \"V1\" is invalid: must be 63 characters or fewer, begin or end with lower case alphanumeric characters," +
            " and contain lower case alphanumeric characters or '-' in between" },
        { """{"Kind":"service-resolver","Name":"web","DefaultSubset":"v9"}""", "DefaultSubset \"v9\" is not a valid subset" },
        {
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"api"},"Failover":{"*":{"Datacenters":["dc2"]}}}""",
            "Redirect and Failover cannot both be set"
        },
        { """{"Kind":"service-resolver","Name":"web","Redirect":{}}""", "Redirect is empty" },
        {
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"api","ServiceSubset":"v1","Peer":"cluster-02"}}""",
            "Redirect.Peer cannot be set with Redirect.ServiceSubset"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"api","Partition":"ap1","Peer":"cluster-02"}}""",
            "Redirect.Partition cannot be set with Redirect.Peer"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"api","Datacenter":"dc2","Peer":"cluster-02"}}""",
            "Redirect.Peer cannot be set with Redirect.Datacenter"
        },
        { """{"Kind":"service-resolver","Name":"web","Redirect":{"ServiceSubset":"v1"}}""",
            "Redirect.ServiceSubset defined without Redirect.Service" },
        {
            """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"web","ServiceSubset":"v2"}}""",
            "Redirect.ServiceSubset \"v2\" is not a valid subset of \"web\""
        },
        { """{"Kind":"service-resolver","Name":"web","Redirect":{"Service":"api","Namespace":"team"}}""",
            "Redirect: Setting Namespace requires Consul Enterprise" },
        { """{"Kind":"service-resolver","Name":"web","Failover":{"v1":{"Datacenters":["dc2"]}}}""",
            "Bad Failover[\"v1\"]: not a valid subset subset" },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{}}}""",
            "Bad Failover[\"*\"]: one of Service, ServiceSubset, Namespace, Targets, or Datacenters is required"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Datacenters":["dc2"],"Targets":[{"Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"]: Targets cannot be set with Datacenters"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Subsets":{"v1":{}},"Failover":{"*":{"ServiceSubset":"v1","Targets":[""" +
                """{"Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"]: Targets cannot be set with ServiceSubset"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Service":"api","Targets":[{"Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"]: Targets cannot be set with Service"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Targets":[""" +
                """{"Service":"api","ServiceSubset":"v1","Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"].Targets[0]: Peer cannot be set with ServiceSubset"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Targets":[{"Partition":"ap1","Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"].Targets[0]: Partition cannot be set with Peer"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Targets":[{"Datacenter":"dc2","Peer":"cluster-02"}]}}}""",
            "Bad Failover[\"*\"].Targets[0]: Peer cannot be set with Datacenter"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Targets":[{"Partition":"ap1","Datacenter":"dc2"}]}}}""",
            "Bad Failover[\"*\"].Targets[0]: Partition cannot be set with Datacenter"
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Targets":[{"ServiceSubset":"v9"}]}}}""",
            "Bad Failover[\"*\"].Targets[0]: ServiceSubset \"v9\" is not a valid subset of \"web\""
        },
        {
            """{"Kind":"service-resolver","Name":"web","Failover":{"*":{"Datacenters":["dc2",""]}}}""",
            "Bad Failover[\"*\"].Datacenters: found empty datacenter"
        },
        { """{"Kind":"service-resolver","Name":"web","ConnectTimeout":"-1s"}""", "Bad ConnectTimeout '-1s', must be >= 0" },
        { """{"Kind":"service-resolver","Name":"web","RequestTimeout":"-2m"}""", "Bad RequestTimeout '-2m0s', must be >= 0" },
        { """{"Kind":"service-resolver","Name":"web","LoadBalancer":{"Policy":"fastest"}}""",
            "Bad LoadBalancer policy: \"fastest\" is not supported" },
    };

    public static TheoryData<string, string> SplitterAndRouterRules => new()
    {
        { """{"Kind":"service-splitter","Splits":[{"Weight":100}]}""", "Name is required" },
        { """{"Kind":"service-splitter","Name":"web"}""", "no splits configured" },
        { """{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":50},{"Weight":40,"Service":"api"}]}""",
            "the sum of all split weights must be 100, not 90.000000" },
        {
            """{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":50,"Service":"api"},{"Weight":50,"Service":"api"}]}""",
            "split destination occurs more than once: service=\"api\", subset=\"\", namespace=\"\", partition=\"\""
        },
        { """{"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"PathPrefix":"api"}}}]}""",
            "Route[0] PathPrefix doesn't start with '/': \"api\"" },
        {
            """{"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"PathPrefix":"/a","PathExact":"/b"}}}]}""",
            "Route[0] should only contain at most one of PathExact, PathPrefix, or PathRegex"
        },
        {
            """{"Kind":"service-router","Name":"web","Routes":[{"Destination":{"Service":"api","PrefixRewrite":"/v2"}}]}""",
            "Route[0] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix"
        },
        {
            """{"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"Methods":["BREW"]}}}]}""",
            "Route[0] Methods contains an invalid method \"BREW\""
        },
        {
            """{"Kind":"service-router","Name":"web","Routes":[{"Destination":{"RetryOn":["sometimes"]}}]}""",
            "Route[0] contains an invalid retry condition: \"sometimes\""
        },
    };

    public static TheoryData<string, string> DefaultsRules => new()
    {
        { """{"Kind":"service-defaults","Name":"*","Protocol":"http"}""",
            "service-defaults name must be the name of a service, and not a wildcard" },
        { """{"Kind":"service-defaults","Protocol":"http"}""", "Name is required" },
        { """{"Kind":"service-defaults","Name":"web","BalanceInboundConnections":"fair"}""",
            "invalid value for balance_inbound_connections: fair" },
        {
            """{"Kind":"service-defaults","Name":"web","UpstreamConfig":{"Overrides":[{"Name":"*"}]}}""",
            "error in upstream override for *: Wildcard name is not supported"
        },
        {
            """{"Kind":"service-defaults","Name":"web","UpstreamConfig":{"Defaults":{"Name":"api"}}}""",
            "error in upstream defaults: Name must be empty"
        },
        { """{"Kind":"proxy-defaults","Name":"local"}""", "invalid name (\"local\"), only \"global\" is supported" },
        { """{"Kind":"mesh","TLS":{"Incoming":{"TLSMinVersion":"SSLv3"}}}""",
            "error in incoming TLS configuration: TLS version \"SSLv3\" is not supported" },
    };

    [Theory]
    [MemberData(nameof(ExportedServicesRules))]
    [MemberData(nameof(IntentionRules))]
    [MemberData(nameof(ResolverRules))]
    [MemberData(nameof(SplitterAndRouterRules))]
    [MemberData(nameof(DefaultsRules))]
    public void Validate_EntryBreakingOneRule_FailsWithConsulsText(string json, string expected)
    {
        var ex = Assert.Throws<ConfigEntryValidationException>(() =>
            ConfigEntryValidator.NormalizeAndValidate(FromJson(json), ConfigEntrySet.Empty));

        Assert.Equal(ErrorCode.Rejected, ex.Code);
        Assert.Equal([expected], ex.Errors);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsThemAllInConsulsMultiErrorFormat()
    {
        var entry = FromJson("""
            {"Kind":"service-resolver","Name":"web","ConnectTimeout":"-1s",
             "Redirect":{"ServiceSubset":"v2"},"Meta":{"k":"v"}}
            """);

        var ex = Assert.Throws<ConfigEntryValidationException>(() => ConfigEntryValidator.Validate(entry, ConfigEntrySet.Empty));

        Assert.Equal(["Redirect.ServiceSubset defined without Redirect.Service", "Bad ConnectTimeout '-1s', must be >= 0"], ex.Errors);
        Assert.Equal(
            "2 errors occurred:\n\t* Redirect.ServiceSubset defined without Redirect.Service\n\t* Bad ConnectTimeout '-1s'," +
                " must be >= 0\n\n",
            ex.Message);
    }

    [Fact]
    public void Check_MetaOverTheLimits_NamesEachProblem()
    {
        var meta = Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => "v");
        meta[new string('k', 129)] = new string('v', 513);
        var entry = new ServiceDefaultsConfigEntry { Name = "web", Meta = meta };

        var errors = ConfigEntryValidator.Check(entry);

        Assert.Contains("Meta exceeds maximum element count 64", errors);
        Assert.Contains($"Meta key \"{new string('k', 129)}\" exceeds maximum length 128", errors);
        Assert.Contains($"Meta value for key \"{new string('k', 129)}\" exceeds maximum length 512", errors);
    }

    [Fact]
    public void CheckLegacyIntentions_PeerSource_IsRefused()
    {
        var entry = (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(FromHcl(PeeringDocExamples.IntentionsHcl));

        Assert.Equal(["Sources[0].Peer cannot be set by legacy intentions"], ConfigEntryValidator.CheckLegacyIntentions(entry));
    }

    [Fact]
    public void Validate_ExportToAllPeers_RefusedInHclToo()
    {
        var entry = FromHcl("""
            Kind = "exported-services"
            Name = "default"
            Services = [ { Name = "x", Consumers = [ { Peer = "*" } ] } ]
            """);

        var ex = Assert.Throws<ConfigEntryValidationException>(
            () => ConfigEntryValidator.NormalizeAndValidate(entry, ConfigEntrySet.Empty));

        Assert.Contains("exporting to all peers (wildcard) is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_Intentions_SortsSourcesByPrecedenceAndFillsType()
    {
        var entry = (ServiceIntentionsConfigEntry)ConfigEntryNormalizer.Normalize(FromJson("""
            {"Kind":"service-intentions","Name":"web","Sources":[
              {"Name":"*","Action":"deny"},
              {"Name":"api","Peer":"cluster-02","Action":"allow"},
              {"Name":"*","Namespace":"*","Action":"deny"},
              {"Name":"api","Action":"allow","Permissions":[]}]}
            """));

        Assert.Equal([9, 9, 8, 7], entry.Sources.Select(s => s.Precedence));
        Assert.Equal(["api", "api", "*", "*"], entry.Sources.Select(s => s.Name));
        Assert.Equal("cluster-02", entry.Sources[0].Peer);
        Assert.All(entry.Sources, s => Assert.Equal("consul", s.Type));
    }

    [Theory]
    [InlineData("web", "", "api", "", 9)]
    [InlineData("web", "", "*", "", 8)]
    [InlineData("web", "", "*", "*", 7)]
    [InlineData("*", "", "api", "", 6)]
    [InlineData("*", "", "*", "", 5)]
    [InlineData("*", "", "*", "*", 4)]
    [InlineData("*", "*", "api", "", 3)]
    [InlineData("*", "*", "*", "", 2)]
    [InlineData("*", "*", "*", "*", 1)]
    public void ComputePrecedence_FollowsConsulsTable(
        string destination,
        string destinationNs,
        string source,
        string sourceNs,
        int expected) =>
        Assert.Equal(expected, ConfigEntryNormalizer.ComputePrecedence(destination, destinationNs, source, sourceNs));

    [Fact]
    public void Normalize_SplitterWeights_RoundToHundredths()
    {
        var entry = (ServiceSplitterConfigEntry)ConfigEntryNormalizer.Normalize(FromJson("""
            {"Kind":"service-splitter","Name":"web","Splits":[{"Weight":33.333},{"Weight":66.667,"Service":"api"}]}
            """));

        Assert.Equal([33.33f, 66.67f], entry.Splits.Select(s => s.Weight));
        Assert.Empty(ConfigEntryValidator.Check(entry));
    }

    [Fact]
    public void Normalize_ProtocolAndMethods_AreCanonicalCase()
    {
        var defaults =
            (ServiceDefaultsConfigEntry)ConfigEntryNormalizer.Normalize(
            FromJson("""{"Kind":"service-defaults","Name":"web","Protocol":"HTTP"}"""));
        var router = (ServiceRouterConfigEntry)ConfigEntryNormalizer.Normalize(FromJson("""
            {"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"Methods":["get","Post"]}}}]}
            """));

        Assert.Equal("http", defaults.Protocol);
        Assert.Equal(["GET", "POST"], router.Routes[0].Match?.Http?.Methods);
    }

    [Fact]
    public void Normalize_ProxyDefaultsAndMeshWithoutName_GetTheirFixedNames()
    {
        Assert.Equal("global", ConfigEntryNormalizer.Normalize(FromJson("""{"Kind":"proxy-defaults"}""")).Name);
        Assert.Equal("mesh", ConfigEntryNormalizer.Normalize(FromJson("""{"Kind":"mesh"}""")).Name);
    }
}
