using Parley.Core.Catalog;
using Parley.Core.PreparedQueries;

namespace Parley.Core.Tests.PreparedQueries;

public sealed class PreparedQueryRulesTests
{
    private static readonly PreparedQuery Valid = new() { Name = "web", Service = new ServiceQuery { Service = "web" } };

    [Fact]
    public void Validate_AWellFormedQuery_IsValid() => Assert.Null(PreparedQueryRules.Validate(Valid));

    public static TheoryData<PreparedQuery, string> Invalid => new()
    {
        { Valid with { Name = "" }, "Invalid prepared query: Must be bound to a session" },
        { Valid with { Token = "<hidden>" },
            "Invalid prepared query: Bad Token '<hidden>', it looks like a query definition with a redacted token was submitted" },
        { Valid with { Service = new ServiceQuery() }, "Invalid prepared query: Must provide a Service name to query" },
        { Valid with { Service = Valid.Service with { Failover = new QueryFailover { NearestN = -1 } } },
            "Invalid prepared query: Bad NearestN '-1', must be >= 0" },
        {
            Valid with { Service =
                Valid.Service with { Failover =
                new QueryFailover { Datacenters = ["dc2"], Targets = [new QueryFailoverTarget { Peer = "p" }] } } },
            "Invalid prepared query: Targets cannot be populated with NearestN or Datacenters"
        },
        { Valid with { DNS = new QueryDns { TTL = "soon" } },
            "Invalid prepared query: Bad DNS TTL 'soon': time: invalid duration \"soon\"" },
        { Valid with { DNS = new QueryDns { TTL = "-5s" } }, "Invalid prepared query: DNS TTL '-5000000000', must be >=0" },
        { Valid with { Template = new QueryTemplate { Type = "glob" } }, "failed compiling template: Bad Template.Type 'glob'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_RefusesWithConsulsText(PreparedQuery query, string expected) =>
        Assert.Equal(expected, PreparedQueryRules.Validate(query));

    [Fact]
    public void Validate_UnnamedQueries_AreValidWhenBoundToASessionOrATemplate()
    {
        Assert.Null(PreparedQueryRules.Validate(Valid with { Name = "", Session = "s1" }));
        Assert.Null(PreparedQueryRules.Validate(Valid with
        {
            Name = "",
            Template = new QueryTemplate { Type = QueryTemplate.NamePrefixMatch },
        }));
    }

    [Theory]
    [InlineData(new[] { "v1" }, new[] { "V1", "prod" }, true)]
    [InlineData(new[] { "v1", "prod" }, new[] { "v1" }, false)]
    [InlineData(new[] { "!canary" }, new[] { "v1" }, true)]
    [InlineData(new[] { "!canary" }, new[] { "v1", "Canary" }, false)]
    [InlineData(new[] { "v1", "!canary" }, new[] { "v1", "canary" }, false)]
    [InlineData(new string[0], new[] { "anything" }, true)]
    public void TagsMatch_NeedsEveryTag_AndNoneOfTheNegatedOnes(string[] filters, string[] tags, bool expected) =>
        Assert.Equal(expected, PreparedQueryRules.TagsMatch(tags, filters));

    [Theory]
    [InlineData(HealthStatus.Passing, false, new string[0], true)]
    [InlineData(HealthStatus.Warning, false, new string[0], true)]
    [InlineData(HealthStatus.Warning, true, new string[0], false)]
    [InlineData(HealthStatus.Critical, false, new string[0], false)]
    [InlineData(HealthStatus.Critical, false, new[] { "c2" }, true)]
    [InlineData(HealthStatus.Warning, true, new[] { "c2" }, true)]
    public void Healthy_CountsEveryCheckButTheIgnoredOnes(string secondCheck, bool onlyPassing, string[] ignore, bool expected)
    {
        HealthCheck[] checks =
        [
            new() { Node = "n1", CheckID = "c1", Status = HealthStatus.Passing },
            new() { Node = "n1", CheckID = "c2", Status = secondCheck },
        ];

        Assert.Equal(expected, PreparedQueryRules.Healthy(checks, onlyPassing, ignore));
    }

    [Fact]
    public void MetaMatches_NeedsEveryPairWithTheSameValue()
    {
        var meta = new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "a" };

        Assert.True(PreparedQueryRules.MetaMatches(meta, new Dictionary<string, string> { ["rack"] = "r1" }));
        Assert.False(PreparedQueryRules.MetaMatches(meta, new Dictionary<string, string> { ["rack"] = "r2" }));
        Assert.False(PreparedQueryRules.MetaMatches(meta, new Dictionary<string, string> { ["os"] = "linux" }));
    }

    [Theory]
    [InlineData("8f246b77-f3e1-ff88-5b48-8ec93abf3e05", true)]
    [InlineData("8F246B77-F3E1-FF88-5B48-8EC93ABF3E05", true)]
    [InlineData("web", false)]
    [InlineData("8f246b77f3e1ff885b488ec93abf3e05", false)]
    public void IsUuid_SeparatesIdsFromNames(string text, bool expected) => Assert.Equal(expected, PreparedQueryRules.IsUuid(text));
}
