namespace Parley.Hcl.Tests;

public class HclParserErrorTests
{
    [Fact]
    public void Parse_UnterminatedObjectInList_ReportsEndOfFileAndOpeningBrace()
    {
        var text = "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n";

        AssertError(text, "peering.hcl", 6, 1, "expected '}' to close '{' opened at 4:3, found end of file");
    }

    [Fact]
    public void Parse_UnterminatedObjectOnOneLine_PointsPastTheLastCharacter()
    {
        AssertError("Services = [ {", "peering.hcl", 1, 15, "expected '}' to close '{' opened at 1:14, found end of file");
    }

    [Fact]
    public void Parse_UnterminatedList_ReportsListOpening()
    {
        AssertError("a = [1, 2", "x.hcl", 1, 10, "expected ',' or ']' after a list item (list opened at 1:5), found end of file");
        AssertError("a = [1,\n", "x.hcl", 2, 1, "expected a value or ']' in the list opened at 1:5, found end of file");
    }

    [Fact]
    public void Parse_KeyFollowedByBracket_SaysWhatWasExpected()
    {
        AssertError(
            "Kind = \"x\"\nName = \"y\"\nServices ]",
            "peering.hcl",
            3,
            10,
            "expected '=' or '{' after key \"Services\", found \"]\"");
    }

    [Fact]
    public void Parse_MissingEqualsBeforeString_PointsAtTheString()
    {
        AssertError("Name \"x\"\nKind = \"y\"", "a.hcl", 1, 6, "expected '=' or '{' after key \"Name\", found string \"x\"");
    }

    [Fact]
    public void Parse_LabelsWithoutBody_AsksForBrace()
    {
        AssertError("service \"web\" ]", "a.hcl", 1, 15, "expected '{' after block \"service\" \"web\", found \"]\"");
    }

    [Fact]
    public void Parse_DuplicateScalarAttribute_NamesFirstDefinition()
    {
        AssertError("Name = \"a\"\nKind = \"k\"\nName = \"b\"", "a.hcl", 3, 1, "duplicate attribute \"Name\" (first defined at 1:1)");
    }

    [Fact]
    public void Parse_DuplicateListAttribute_IsRejected()
    {
        AssertError("a = [1]\na = [2]", "a.hcl", 2, 1, "duplicate attribute \"a\" (first defined at 1:1)");
    }

    [Fact]
    public void Parse_ScalarAfterBlockWithSameKey_IsDuplicate()
    {
        AssertError("a { }\na = 1", "a.hcl", 2, 1, "duplicate attribute \"a\" (first defined at 1:1)");
    }

    [Fact]
    public void Parse_BlockWithAndWithoutLabels_IsRejected()
    {
        AssertError(
            "service \"a\" {}\nservice {}",
            "a.hcl",
            2,
            1,
            "block \"service\" is written both with and without labels (labelled one at 1:1)");
    }

    [Fact]
    public void Parse_BlockWithDifferentLabelCount_IsRejected()
    {
        AssertError(
            "service \"a\" \"b\" {}\nservice \"a\" {}",
            "a.hcl",
            2,
            9,
            "block \"service\" \"a\" has a different number of labels than the block declared at 1:9");
    }

    [Fact]
    public void Parse_StringAcrossLines_IsUnterminated()
    {
        AssertError(
            "Name = \"abc\nKind = \"x\"",
            "a.hcl",
            1,
            8,
            "unterminated string: a quoted string cannot span lines (use a heredoc)");
    }

    [Fact]
    public void Parse_StringAtEndOfFile_IsUnterminated()
    {
        AssertError("Name = \"abc", "a.hcl", 1, 8, "unterminated string: expected a closing '\"'");
    }

    [Fact]
    public void Parse_InvalidEscape_PointsAtBackslash()
    {
        AssertError(
            "s = \"a\\qb\"",
            "a.hcl",
            1,
            7,
            "invalid escape sequence: '\\' followed by 'q'; valid escapes are \\n \\t \\r \\\" \\\\ \\/ \\b \\f \\uXXXX \\UXXXXXXXX");
    }

    [Fact]
    public void Parse_ShortUnicodeEscape_IsRejected()
    {
        AssertError("s = \"\\u12\"", "a.hcl", 1, 6, "invalid unicode escape: expected 4 hex digits after '\\u'");
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsRejected()
    {
        AssertError(
            "s = \"\\ud800x\"",
            "a.hcl",
            1,
            6,
            "invalid unicode escape \\uD800: a high surrogate must be followed by a \\u low surrogate");
    }

    [Fact]
    public void Parse_UnterminatedHeredoc_PointsAtMarker()
    {
        AssertError("a = 1\ns = <<EOF\nabc\n  EOF\n", "a.hcl", 2, 5, "unterminated heredoc <<EOF: expected a line containing only EOF");
    }

    [Fact]
    public void Parse_HeredocMarkerWithoutNewline_IsRejected()
    {
        AssertError("s = <<EOF x\nEOF", "a.hcl", 1, 11, "expected a newline after heredoc marker <<EOF");
    }

    [Fact]
    public void Parse_UnterminatedBlockComment_PointsAtOpening()
    {
        AssertError("a = 1\n  /* never closed", "a.hcl", 2, 3, "unterminated comment: expected '*/'");
    }

    [Fact]
    public void Parse_UnexpectedCharacter_CountsTabAsOneColumn()
    {
        AssertError("\ta = @", "a.hcl", 1, 6, "unexpected character '@'");
    }

    [Fact]
    public void Parse_NumberWithUnit_SuggestsQuoting()
    {
        AssertError("timeout = 10s", "a.hcl", 1, 11, "invalid number \"10s\"; quote the value if it is meant to be a string");
    }

    [Fact]
    public void Parse_NumberWithLeadingZero_IsRejected()
    {
        AssertError("port = 08500", "a.hcl", 1, 8, "invalid number \"08500\"; quote the value if it is meant to be a string");
    }

    [Fact]
    public void Parse_ListWithoutComma_AsksForComma()
    {
        AssertError("a = [1 2]", "a.hcl", 1, 8, "expected ',' or ']' after a list item (list opened at 1:5), found number 2");
    }

    [Fact]
    public void Parse_MissingValue_SaysWhichKey()
    {
        AssertError("a =", "a.hcl", 1, 4, "expected a value after '=' for \"a\", found end of file");
        AssertError("\"a\": }", "a.hcl", 1, 6, "expected a value after ':' for \"a\", found \"}\"");
    }

    [Fact]
    public void Parse_StrayClosingBrace_AsksForKey()
    {
        AssertError("a = 1\n}", "a.hcl", 2, 1, "expected a key (identifier or quoted string), found \"}\"");
    }

    [Fact]
    public void Parse_NumberAsKeyInsideBlock_AsksForKeyOrBrace()
    {
        AssertError("a {\n  1 = 2\n}", "a.hcl", 2, 3, "expected a key (identifier or quoted string) or '}', found number 1");
    }

    [Fact]
    public void Parse_TextAfterJsonShapedDocument_IsRejected()
    {
        AssertError("{ \"a\": 1 }\nb = 2", "a.json", 2, 1, "expected end of file after the closing '}', found \"b\"");
    }

    [Fact]
    public void Parse_NestingBeyondMaxDepth_IsRejectedAtTheOpeningToken()
    {
        var options = new HclParseOptions { MaxDepth = 3 };

        Assert.Equal(1, HclParser.Parse("a { b { c = 1 } }", "d.hcl", options)["a"]!["b"]!["c"]!.GetValue<int>());
        var error = Assert.Throws<HclException>(() => HclParser.Parse("a { b { c { } } }", "d.hcl", options));
        Assert.Equal((1, 11), (error.Line, error.Column));
        Assert.Equal("nesting exceeds the maximum depth of 3", error.Reason);
    }

    [Fact]
    public void Parse_LabelsCountTowardsMaxDepth()
    {
        var options = new HclParseOptions { MaxDepth = 2 };

        var error = Assert.Throws<HclException>(() => HclParser.Parse("a \"b\" \"c\" { }", null, options));

        Assert.Equal((1, 7), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("a = ", "[", "]")]
    [InlineData("a = ", "{ b = ", "}")]
    [InlineData("", "a { ", "}")]
    [InlineData("", "a \"l\" ", "{}")]
    public void Parse_HundredThousandLevelsDeep_FailsWithHclExceptionNotStackOverflow(string prefix, string open, string close)
    {
        const int levels = 100_000;
        var text = prefix + string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));

        var error = Assert.Throws<HclException>(() => HclParser.Parse(text, "deep.hcl"));

        Assert.Equal("nesting exceeds the maximum depth of 200", error.Reason);
    }

    [Fact]
    public void Parse_NestingAtDefaultMaxDepth_Succeeds()
    {
        // The document is level 1 and "a = [" is level 2, so 199 lists fit.
        var text = "a = " + new string('[', 199) + new string(']', 199);

        var result = HclParser.Parse(text);

        Assert.NotNull(result["a"]);
    }

    [Fact]
    public void Parse_WithoutFileName_MessageStartsWithLineAndColumn()
    {
        var error = Assert.Throws<HclException>(() => HclParser.Parse("a = @"));

        Assert.Null(error.FileName);
        Assert.Equal("1:5: unexpected character '@'", error.Message);
    }

    [Fact]
    public void Parse_LongStringInMessage_IsShortened()
    {
        var error = Assert.Throws<HclException>(() => HclParser.Parse("a \"" + new string('x', 500) + "\" = 1", "a.hcl"));

        Assert.Equal("expected '=' or '{' after key \"a\", found string \"" + new string('x', 40) + "...\"", error.Reason);
    }

    private static void AssertError(string text, string fileName, int line, int column, string reason)
    {
        var error = Assert.Throws<HclException>(() => HclParser.Parse(text, fileName));

        Assert.Equal(reason, error.Reason);
        Assert.Equal((fileName, line, column), (error.FileName, error.Line, error.Column));
        Assert.Equal($"{fileName}:{line}:{column}: {reason}", error.Message);
    }
}
