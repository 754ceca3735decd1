using Parley.Core.Filtering;

namespace Parley.Core.Tests.Filtering;

public sealed class FilterExpressionTests
{
    /// <summary>A service instance as Consul's filters see it.</summary>
    private sealed class Instance : IFilterSubject
    {
        public Dictionary<string, string> Meta { get; init; } = [];

        public List<string> Tags { get; init; } = [];

        public string Service { get; init; } = "api";

        public FilterValue Resolve(IReadOnlyList<string> selector) => selector switch
        {
            ["Service", "Service"] => FilterValue.Of(Service),
            ["Service", "Port"] => FilterValue.Of("8080"),
            ["Service", "Tags"] => FilterValue.Of(Tags),
            ["Service", "Meta"] => FilterValue.Of(Meta),
            ["Service", "Meta", var key] => Meta.TryGetValue(key, out var v) ? FilterValue.Of(v) : FilterValue.Missing,
            _ => FilterValue.Missing,
        };
    }

    private static bool Matches(string filter, Instance instance) => FilterExpression.Parse(filter).Matches(instance);

    private static readonly Instance V1 = new() { Meta = new() { ["version"] = "v1" }, Tags = ["primary", "blue"] };
    private static readonly Instance V2 = new() { Meta = new() { ["version"] = "v2", ["zone"] = "" }, Tags = [] };

    [Theory]
    [InlineData("Service.Meta.version == v1", true, false)]
    [InlineData("Service.Meta.version == \"v1\"", true, false)]
    [InlineData("Service.Meta[\"version\"] == `v2`", false, true)]
    [InlineData("Service.Meta.version != v1", false, true)]
    [InlineData("Service.Port == 8080", true, true)]
    [InlineData("primary in Service.Tags", true, false)]
    [InlineData("\"primary\" not in Service.Tags", false, true)]
    [InlineData("Service.Tags contains blue", true, false)]
    [InlineData("Service.Tags is empty", false, true)]
    [InlineData("Service.Tags is not empty", true, false)]
    [InlineData("Service.Meta.zone is empty", true, true)]
    [InlineData("zone in Service.Meta", false, true)]
    [InlineData("Service.Meta.version matches \"^v[12]$\"", true, true)]
    [InlineData("Service.Service not matches \"^a\"", false, false)]
    [InlineData("Service.Meta.version == v1 or Service.Meta.version == v2", true, true)]
    [InlineData("Service.Meta.version == v2 and not (primary in Service.Tags)", false, true)]
    [InlineData("Service.Meta.missing == x", false, false)]
    [InlineData("Service.Meta.missing != x", true, true)]
    public void Matches_FollowsConsulsOperators(string filter, bool v1, bool v2)
    {
        Assert.Equal((v1, v2), (Matches(filter, V1), Matches(filter, V2)));
    }

    [Theory]
    [InlineData("Service.Meta.version ==")]
    [InlineData("Service.Meta.version = v1")]
    [InlineData("(Service.Meta.version == v1")]
    [InlineData("Service.Meta.version == \"v1")]
    [InlineData("Service.Meta.version v1")]
    [InlineData("v1 in")]
    public void Parse_Malformed_SaysWhere(string filter)
    {
        var error = Assert.Throws<FormatException>(() => FilterExpression.Parse(filter));

        Assert.Matches(@"^1:\d+ \(\d+\): ", error.Message);
    }

    [Theory]
    // The texts Consul users quote from real agents (hashicorp/consul#7338, #9441).
    [InlineData("foo", "1:4 (3): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]")]
    [InlineData("Address == 10.10.10.10", "1:17 (16): rule \"number\": Invalid number literal")]
    [InlineData("Name == a b", "1:11 (10): no match found, expected: \"and\", \"or\", EOF or [ \\t\\r\\n]")]
    [InlineData("(Name == a", "1:11 (10): rule \"grouping\": Unmatched parentheses")]
    [InlineData("Name == \"a", "1:11 (10): rule \"string\": Unterminated string literal")]
    [InlineData("a in 5", "1:6 (5): rule \"match\": Invalid selector")]
    [InlineData("Meta[env] == a", "1:6 (5): rule \"index\": Invalid index")]
    [InlineData("Name ==\n  a b", "2:5 (12): no match found, expected: \"and\", \"or\", EOF or [ \\t\\r\\n]")]
    public void Parse_Malformed_SaysWhatBexprSays(string filter, string message)
    {
        var error = Assert.Throws<FormatException>(() => FilterExpression.Parse(filter));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedNotAStackOverflow()
    {
        var filter = new string('(', 100_000) + "a == b" + new string(')', 100_000);

        var error = Assert.Throws<FormatException>(() => FilterExpression.Parse(filter));

        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongConjunction_Parses()
    {
        var filter = string.Join(" and ", Enumerable.Repeat("Service.Meta.version != x", 20_000));

        Assert.True(FilterExpression.Parse(filter).Matches(V1));
    }
}
