using Parley.Core.PreparedQueries;

namespace Parley.Core.Tests.PreparedQueries;

public sealed class QueryTemplateRendererTests
{
    [Theory]
    [InlineData("${name.full}", "geo-db-primary")]
    [InlineData("${name.prefix}", "geo-")]
    [InlineData("${name.suffix}", "db-primary")]
    [InlineData("${match(0)}", "geo-db-primary")]
    [InlineData("${match(1)}", "db")]
    [InlineData("${match(2)}", "primary")]
    [InlineData("${match(7)}", "")]
    [InlineData("${ match(1) }-svc", "db-svc")]
    [InlineData("x-$${name.full}", "x-${name.full}")]
    [InlineData("plain", "plain")]
    public void Render_InterpolatesTheServiceName(string service, string expected)
    {
        var template = Template("geo-", service, "^geo-(.*?)-(.*)$");

        Assert.Equal(expected, QueryTemplateRenderer.Render(template, "geo-db-primary").Service.Service);
    }

    [Fact]
    public void Render_InterpolatesTagsMetaAndFailoverTargets()
    {
        var template = Template("geo-", "${match(1)}", "^geo-([a-z]+)(?:-(v[0-9]+))?$") with { };
        template = template with
        {
            Service = template.Service with
            {
                Tags = ["${match(2)}", "!canary-${match(1)}"],
                NodeMeta = new Dictionary<string, string> { ["zone"] = "${name.suffix}" },
                Failover = new QueryFailover { Targets = [new QueryFailoverTarget { Peer = "peer-${match(1)}" }] },
            },
        };

        var rendered = QueryTemplateRenderer.Render(template, "geo-web-v2").Service;

        Assert.Equal(("web", "v2", "!canary-web", "web-v2", "peer-web"),
            (rendered.Service, rendered.Tags[0], rendered.Tags[1], rendered.NodeMeta["zone"], rendered.Failover.Targets[0].Peer));
    }

    [Fact]
    public void Render_RemoveEmptyTags_DropsTagsOfUnmatchedGroups_OnlyWhenAsked()
    {
        var template = Template("geo-", "${match(1)}", "^geo-([a-z]+)(?:-(v[0-9]+))?$");
        template = template with { Service = template.Service with { Tags = ["${match(2)}", "prod"] } };

        Assert.Equal(["", "prod"], QueryTemplateRenderer.Render(template, "geo-web").Service.Tags);
        var removing = template with { Template = template.Template with { RemoveEmptyTags = true } };
        Assert.Equal(["prod"], QueryTemplateRenderer.Render(removing, "geo-web").Service.Tags);
    }

    [Fact]
    public void Render_NameMatchingNoRegexp_GivesEmptyGroups()
    {
        var rendered = QueryTemplateRenderer.Render(Template("", "${match(1)}x", "^nope-(.*)$"), "web");

        Assert.Equal("x", rendered.Service.Service);
    }

    [Fact]
    public void Render_NotATemplate_IsReturnedAsItIs()
    {
        var query = new PreparedQuery { Name = "web", Service = new ServiceQuery { Service = "${name.full}" } };

        Assert.Same(query, QueryTemplateRenderer.Render(query, "web"));
    }

    [Theory]
    [InlineData("name_prefix_match", "${name.full}", "", null)]
    [InlineData("prefix", "web", "", "Bad Template.Type 'prefix'")]
    [InlineData("name_prefix_match", "${nope}", "", "Bad format '${nope}' in Service.Service: unknown variable accessed: nope")]
    [InlineData("name_prefix_match", "${match(x)}", "", "Bad format '${match(x)}' in Service.Service: match() takes a number: match(x)")]
    [InlineData("name_prefix_match", "${name.full", "", "Bad format '${name.full' in Service.Service: expected expression end '}'")]
    public void Compile_ChecksTypeAndInterpolations(string type, string service, string regexp, string? expected)
    {
        var query = Template("geo-", service, regexp) with { Template = new QueryTemplate { Type = type, Regexp = regexp } };

        Assert.Equal(expected, QueryTemplateRenderer.Compile(query)?.Error);
    }

    [Fact]
    public void Compile_BadRegexp_SaysSo()
    {
        var error = QueryTemplateRenderer.Compile(Template("geo-", "web", "^geo-(.*$"))?.Error;

        Assert.StartsWith("Bad Regexp: ", error, StringComparison.Ordinal);
    }

    private static PreparedQuery Template(string name, string service, string regexp) => new()
    {
        Name = name,
        Template = new QueryTemplate { Type = QueryTemplate.NamePrefixMatch, Regexp = regexp },
        Service = new ServiceQuery { Service = service },
    };
}
