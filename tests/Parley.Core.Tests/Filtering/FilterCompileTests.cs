using System.Text.Json.Nodes;
using Parley.Core.Filtering;

namespace Parley.Core.Tests.Filtering;

public sealed class FilterCompileTests
{
    public sealed record Check(string Status, IReadOnlyList<string> Tags);

    public sealed record Host(string Address, IReadOnlyDictionary<string, string>? Meta);

    public sealed record Row(
        string Name,
        int Port,
        bool Enabled,
        IReadOnlyList<string> Tags,
        IReadOnlyDictionary<string, string> Meta,
        IReadOnlyList<Check> Checks,
        Host Node,
        JsonObject Proxy);

    private static readonly Row Web = new(
        "web", 8080, true, ["primary", "v1"], new Dictionary<string, string> { ["env"] = "prod" },
        [new Check("passing", ["a"]), new Check("critical", [])], new Host("10.0.0.1", null),
        new JsonObject
        {
            ["DestinationServiceName"] = "api",
            ["Upstreams"] = new JsonArray(new JsonObject { ["DestinationName"] = "db", ["LocalBindPort"] = 9191 })
        });

    private static bool Holds(string filter) => FilterExpression.Parse(filter).Compile<Row>()(Web);

    [Theory]
    [InlineData("Name == web", true)]
    [InlineData("Port == 8080", true)]
    [InlineData("Port == \"0x1F90\"", true)]
    [InlineData("Port != 80", true)]
    [InlineData("Enabled == true and Enabled != F", true)]
    [InlineData("Checks.Status == critical", true)]
    [InlineData("Checks.Status != passing", true)]
    [InlineData("Checks.Status == warning", false)]
    [InlineData("a in Checks.Tags", true)]
    [InlineData("Checks is not empty", true)]
    [InlineData("Node.Meta is empty", true)]
    [InlineData("Node.Meta.zone != x", true)]
    [InlineData("Node.Meta.zone == x", false)]
    [InlineData("Meta.env matches \"^pr\"", true)]
    [InlineData("Meta[\"env\"] in Meta", false)]
    [InlineData("env in Meta and Meta contains env", true)]
    [InlineData("Name contains eb", true)]
    [InlineData("Proxy.DestinationServiceName == api", true)]
    [InlineData("Proxy.Upstreams.DestinationName == db", true)]
    [InlineData("Proxy.Upstreams.LocalBindPort == 9191", true)]
    [InlineData("Proxy.Mode == transparent", false)]
    [InlineData("Proxy.Mode != transparent", true)]
    [InlineData("not (Name == web or Port == 1)", false)]
    public void Compile_EvaluatesAgainstTheType(string filter, bool expected)
    {
        Assert.Equal(expected, Holds(filter));
    }

    [Theory]
    [InlineData("Nope == x", "Selector \"Nope\" is not valid")]
    [InlineData("Node.Nope == x", "Selector \"Node.Nope\" is not valid")]
    [InlineData("Name.Length == 3", "Selector \"Name.Length\" is not valid")]
    [InlineData("Port matches \"8\"", "Invalid match operator \"Matches\" for selector \"Port\"")]
    [InlineData("Tags == x", "Invalid match operator \"Equal\" for selector \"Tags\"")]
    [InlineData("Port == abc", "Failed to coerce value \"abc\" for selector \"Port\": strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("Enabled == yes",
        "Failed to coerce value \"yes\" for selector \"Enabled\": strconv.ParseBool: parsing \"yes\": invalid syntax")]
    public void Compile_Invalid_SaysWhatBexprSays(string filter, string message)
    {
        var error = Assert.Throws<FormatException>(() => FilterExpression.Parse(filter).Compile<Row>());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_BadRegex_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => FilterExpression.Parse("Name matches \"(\""));

        Assert.StartsWith("Failed to compile regular expression \"(\": ", error.Message, StringComparison.Ordinal);
    }
}
