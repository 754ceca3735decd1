namespace Parley.Hcl.Tests;

/// <summary>How blocks, labels and repeated keys map to JSON, with and without <see cref="HclParseOptions"/>.</summary>
public class HclParserBlockTests
{
    [Fact]
    public void Parse_BlockAndObjectAssignment_GiveTheSameObject()
    {
        JsonAssert.Equal(
            """{"a":{"x":1},"b":{"x":1},"c":{"x":1}}""",
            HclParser.Parse("a { x = 1 }\nb = { x = 1 }\nc: { x: 1 }"));
    }

    [Fact]
    public void Parse_RepeatedBlocks_BecomeArrayInSourceOrder()
    {
        var text = """
            service { name = "web" }
            check { id = "c1" }
            service { name = "db" }
            check { id = "c2" }
            service { name = "cache" }
            """;

        JsonAssert.Equal(
            """
            {
              "service": [ { "name": "web" }, { "name": "db" }, { "name": "cache" } ],
              "check": [ { "id": "c1" }, { "id": "c2" } ]
            }
            """,
            HclParser.Parse(text));
    }

    [Fact]
    public void Parse_RepeatedBlocksInsideBlock_BecomeArray()
    {
        JsonAssert.Equal(
            """{"service":{"name":"web","check":[{"id":"c1"},{"id":"c2"}]}}""",
            HclParser.Parse("service { name = \"web\" check { id = \"c1\" } check { id = \"c2\" } }"));
    }

    [Fact]
    public void Parse_RepeatedObjectAssignment_BecomesArray()
    {
        JsonAssert.Equal("""{"a":[{"x":1},{"x":2},{"x":3}]}""", HclParser.Parse("a = { x = 1 }\na { x = 2 }\n\"a\": { \"x\": 3 }"));
    }

    [Fact]
    public void Parse_LabelledBlock_NestsBodyUnderLabel()
    {
        JsonAssert.Equal("""{"service":{"web":{"port":1}}}""", HclParser.Parse("service \"web\" { port = 1 }"));
    }

    [Fact]
    public void Parse_LabelledBlocksWithDifferentLabels_MergeIntoOneObject()
    {
        var text = """
            service "web" { port = 1 }
            service "db" { port = 2 }
            """;

        JsonAssert.Equal("""{"service":{"web":{"port":1},"db":{"port":2}}}""", HclParser.Parse(text));
    }

    [Fact]
    public void Parse_MultipleLabels_NestInOrder()
    {
        var text = """
            service "a" "b" {}
            service "a" "c" { x = 1 }
            service "d" "b" { y = 2 }
            """;

        JsonAssert.Equal("""{"service":{"a":{"b":{},"c":{"x":1}},"d":{"b":{"y":2}}}}""", HclParser.Parse(text));
    }

    [Fact]
    public void Parse_BareIdentifierLabels_AreLabels()
    {
        JsonAssert.Equal("""{"service":{"web":{"port":1}}}""", HclParser.Parse("service web { port = 1 }"));
    }

    [Fact]
    public void Parse_RepeatedBlockWithSameLabels_BecomesArrayUnderLabel()
    {
        JsonAssert.Equal(
            """{"check":{"c":[{"n":1},{"n":2}]}}""",
            HclParser.Parse("check \"c\" { n = 1 }\ncheck \"c\" { n = 2 }"));
    }

    [Fact]
    public void Parse_BlocksAsArrays_WrapsSingleBlocksButNotObjectAssignments()
    {
        var options = new HclParseOptions { BlocksAsArrays = true };
        var text = """
            service { name = "web" check { id = "c1" } }
            upstream "db" { port = 2 }
            Meta = { a = "b" }
            Failover = { "*" = { Targets = [ { Peer = "p" } ] } }
            """;

        JsonAssert.Equal(
            """
            {
              "service": [ { "name": "web", "check": [ { "id": "c1" } ] } ],
              "upstream": { "db": [ { "port": 2 } ] },
              "Meta": { "a": "b" },
              "Failover": { "*": { "Targets": [ { "Peer": "p" } ] } }
            }
            """,
            HclParser.Parse(text, null, options));
    }

    [Fact]
    public void Parse_AlwaysArrayKeys_WrapsOnlyThoseKeysIgnoringCase()
    {
        var options = new HclParseOptions { AlwaysArrayKeys = ["service", "Check"] };
        var text = """
            Service { name = "web" check = { id = "c1" } }
            ports { grpc_tls = 8503 }
            """;

        JsonAssert.Equal(
            """
            {
              "Service": [ { "name": "web", "check": [ { "id": "c1" } ] } ],
              "ports": { "grpc_tls": 8503 }
            }
            """,
            HclParser.Parse(text, null, options));
    }

    [Fact]
    public void Parse_AlwaysArrayKeysWithRepeatedBlocks_IsStillOneFlatArray()
    {
        var options = new HclParseOptions { AlwaysArrayKeys = ["check"] };

        JsonAssert.Equal(
            """{"check":[{"id":"a"},{"id":"b"}]}""",
            HclParser.Parse("check { id = \"a\" }\ncheck { id = \"b\" }", null, options));
    }

    [Fact]
    public void Parse_AlwaysArrayKeysWithLabelledBlock_WrapsTheBodyUnderTheLabel()
    {
        var options = new HclParseOptions { AlwaysArrayKeys = ["service"] };

        JsonAssert.Equal("""{"service":{"web":[{"port":1}]}}""", HclParser.Parse("service \"web\" { port = 1 }", null, options));
    }

    [Fact]
    public void Parse_ListOfObjects_IsNotAffectedByArrayOptions()
    {
        var options = new HclParseOptions { BlocksAsArrays = true, AlwaysArrayKeys = ["Consumers"] };

        JsonAssert.Equal(
            """{"Consumers":[{"Peer":"a"}]}""",
            HclParser.Parse("Consumers = [ { Peer = \"a\" } ]", null, options));
    }

    [Fact]
    public void ParseOptions_MaxDepthBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HclParseOptions { MaxDepth = 0 });
    }
}
