using System.Text.Json.Nodes;

namespace Parley.Hcl.Tests;

public class HclParserSyntaxTests
{
    [Fact]
    public void Parse_EmptyOrCommentOnly_ReturnsEmptyObject()
    {
        JsonAssert.Equal("{}", HclParser.Parse(""));
        JsonAssert.Equal("{}", HclParser.Parse("  \n# nothing\n// here\n/* at\nall */\n"));
    }

    [Fact]
    public void Parse_AttributesWithEqualsAndColon_AreEquivalent()
    {
        var result = HclParser.Parse("Name = \"x\"\n\"Kind\": \"service-defaults\"\nPort: 8080");

        JsonAssert.Equal("""{"Name":"x","Kind":"service-defaults","Port":8080}""", result);
    }

    [Fact]
    public void Parse_ItemsOnOneLineWithoutSeparators_AreSeparateAttributes()
    {
        JsonAssert.Equal("""{"a":1,"b":"two","c":true}""", HclParser.Parse("a = 1 b = \"two\" c = true"));
    }

    [Fact]
    public void Parse_CommasBetweenItems_AreAllowed()
    {
        JsonAssert.Equal("""{"a":1,"b":2}""", HclParser.Parse("a = 1, b = 2,"));
    }

    [Theory]
    [InlineData("v = 0", "0")]
    [InlineData("v = 42", "42")]
    [InlineData("v = -7", "-7")]
    [InlineData("v = 3.25", "3.25")]
    [InlineData("v = -0.5", "-0.5")]
    [InlineData("v = 1e3", "1000")]
    [InlineData("v = 2.5E-3", "0.0025")]
    [InlineData("v = 6.02e+23", "6.02e23")]
    [InlineData("v = 12345678901234567890", "12345678901234567890")]
    public void Parse_Numbers_BecomeJsonNumbers(string text, string expectedNumber)
    {
        JsonAssert.Equal($$"""{"v":{{expectedNumber}}}""", HclParser.Parse(text));
    }

    [Fact]
    public void Parse_Integer_CanBeReadAsIntLikeJsonInput()
    {
        var result = HclParser.Parse("port = 8503");

        Assert.Equal(8503, result["port"]!.GetValue<int>());
        Assert.Equal(8503L, result["port"]!.GetValue<long>());
        Assert.Equal(8503.0, result["port"]!.GetValue<double>());
    }

    [Fact]
    public void Parse_BoolsAndNull_AreJsonLiterals()
    {
        var result = HclParser.Parse("a = true\nb = false\nc = null\nd = \"true\"");

        JsonAssert.Equal("""{"a":true,"b":false,"c":null,"d":"true"}""", result);
        Assert.True(result.ContainsKey("c"));
    }

    [Fact]
    public void Parse_BareIdentifierValue_IsString()
    {
        var result = HclParser.Parse("Service = frontend\nHost = api.example-1.internal\nMode = True");

        JsonAssert.Equal("""{"Service":"frontend","Host":"api.example-1.internal","Mode":"True"}""", result);
    }

    [Fact]
    public void Parse_StringEscapes_AreDecoded()
    {
        var result = HclParser.Parse("""s = "a\nb\tc\"d\\e\/f\u00e9\U0001F600\ud83d\ude00\r\b\f" """);

        Assert.Equal("a\nb\tc\"d\\e/f\u00e9\U0001F600\U0001F600\r\b\f", result["s"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_InterpolationSyntax_IsKeptLiterally()
    {
        var result = HclParser.Parse("""s = "${node.name}-x" """);

        Assert.Equal("${node.name}-x", result["s"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Heredoc_KeepsLinesAndTrailingNewline()
    {
        var result = HclParser.Parse("script = <<EOF\nline one\n  line \"two\" \\n\nEOF\nnext = 1\n");

        Assert.Equal("line one\n  line \"two\" \\n\n", result["script"]!.GetValue<string>());
        Assert.Equal(1, result["next"]!.GetValue<int>());
    }

    [Fact]
    public void Parse_IndentedHeredoc_RemovesCommonIndentation()
    {
        var text = "a {\n  script = <<-EOT\n    first\n      second\n\n    third\n    EOT\n}\n";

        var result = HclParser.Parse(text);

        Assert.Equal("first\n  second\n\nthird\n", result["a"]!["script"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_HeredocWithCrLfLineEndings_DropsCarriageReturns()
    {
        var result = HclParser.Parse("s = <<EOF\r\nx\r\ny\r\nEOF\r\nt = 2\r\n");

        Assert.Equal("x\ny\n", result["s"]!.GetValue<string>());
        Assert.Equal(2, result["t"]!.GetValue<int>());
    }

    [Fact]
    public void Parse_EmptyHeredoc_IsEmptyString()
    {
        Assert.Equal(string.Empty, HclParser.Parse("s = <<EOF\nEOF")["s"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_HeredocMarkerInsideLine_DoesNotEndIt()
    {
        var result = HclParser.Parse("s = <<EOF\nnot EOF yet\nEOFX\nEOF\n");

        Assert.Equal("not EOF yet\nEOFX\n", result["s"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Lists_AllowTrailingCommasAndNesting()
    {
        var result = HclParser.Parse("a = []\nb = [1, \"two\", true, null,]\nc = [[1], [], [\"x\", [2]]]\nd = [web, db]");

        JsonAssert.Equal("""{"a":[],"b":[1,"two",true,null],"c":[[1],[],["x",[2]]],"d":["web","db"]}""", result);
    }

    [Fact]
    public void Parse_InlineObject_WithCommasOrNewlines()
    {
        var result = HclParser.Parse("Meta = { a = 1, b = \"2\", }\nOther = {\n  x = 1\n  y = 2\n}\nEmpty = {}");

        JsonAssert.Equal("""{"Meta":{"a":1,"b":"2"},"Other":{"x":1,"y":2},"Empty":{}}""", result);
    }

    [Fact]
    public void Parse_QuotedKeys_AllowAnyText()
    {
        var result = HclParser.Parse("\"*\" = 1\n\"with space\" = { \"a.b\" = 2 }\n\"\" = 3");

        JsonAssert.Equal("""{"*":1,"with space":{"a.b":2},"":3}""", result);
    }

    [Fact]
    public void Parse_KeywordsAsKeys_AreKeys()
    {
        JsonAssert.Equal("""{"true":1,"null":{"false":2}}""", HclParser.Parse("true = 1\nnull { false = 2 }"));
    }

    [Fact]
    public void Parse_AllCommentStyles_AreIgnored()
    {
        var text = """
            # hash
            ## double hash
            a = 1 // trailing
            /* block
               over lines */ b = /* inline */ 2
            c = "# not a comment // either"
            """;

        JsonAssert.Equal("""{"a":1,"b":2,"c":"# not a comment // either"}""", HclParser.Parse(text));
    }

    [Fact]
    public void Parse_JsonShapedDocument_IsAccepted()
    {
        var text = """
            {
              "Kind": "service-defaults",
              "Name": "web",
              "Meta": {"a": "b"},
              "Ports": [1, 2]
            }
            """;

        JsonAssert.Equal("""{"Kind":"service-defaults","Name":"web","Meta":{"a":"b"},"Ports":[1,2]}""", HclParser.Parse(text));
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrLf_AreTolerated()
    {
        JsonAssert.Equal("""{"a":1,"b":"x"}""", HclParser.Parse("\uFEFFa = 1\r\nb = \"x\"\r\n"));
    }

    [Fact]
    public void Parse_KeysDifferingOnlyInCase_AreDistinct()
    {
        JsonAssert.Equal("""{"Name":"a","name":"b"}""", HclParser.Parse("Name = \"a\"\nname = \"b\""));
    }

    [Fact]
    public void Parse_UnicodeIdentifiers_AreAccepted()
    {
        JsonAssert.Equal("""{"größe":"groß"}""", HclParser.Parse("größe = groß"));
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData("  \n\t[1]", true)]
    [InlineData("\uFEFF{}", true)]
    [InlineData("a = 1", false)]
    [InlineData("# {\n{}", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void LooksLikeJson_FirstSignificantCharacter_Decides(string text, bool expected)
    {
        Assert.Equal(expected, HclParser.LooksLikeJson(text));
    }

    [Fact]
    public void Parse_Result_IsDetachedMutableObject()
    {
        var result = HclParser.Parse("a { b = 1 }");

        result["c"] = 2;
        Assert.Null(result.Parent);
        Assert.IsType<JsonObject>(result["a"]);
    }
}
