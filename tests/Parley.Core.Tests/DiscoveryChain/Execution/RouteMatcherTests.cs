using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Core.Intentions;

namespace Parley.Core.Tests.DiscoveryChain.Execution;

public sealed class RouteMatcherTests
{
    private static HttpRequestInfo Request(string path, string method = "GET", params (string Name, string Value)[] headers) =>
        new() { Path = path, Method = method, Headers = headers.ToDictionary(h => h.Name, h => h.Value) };

    [Theory]
    [InlineData("/a", true)]
    [InlineData("/a?x=1", true)]
    [InlineData("/a/", false)]
    [InlineData("/A", false)]
    public void PathExact(string path, bool expected)
    {
        Assert.Equal(expected, new RouteMatcher(new ServiceRouteHttpMatch { PathExact = "/a" }).Matches(Request(path)));
    }

    [Theory]
    [InlineData("/api/v1", true)]
    [InlineData("/api", true)]
    [InlineData("/ap", false)]
    public void PathPrefix(string path, bool expected)
    {
        Assert.Equal(expected, new RouteMatcher(new ServiceRouteHttpMatch { PathPrefix = "/api" }).Matches(Request(path)));
    }

    [Theory]
    [InlineData("/v12/x", true)]
    [InlineData("/v12/x/y", false)]
    [InlineData("/prefix/v12/x", false)]
    public void PathRegex_MatchesTheWholePath(string path, bool expected)
    {
        Assert.Equal(expected, new RouteMatcher(new ServiceRouteHttpMatch { PathRegex = "/v[0-9]+/[a-z]+" }).Matches(Request(path)));
    }

    [Fact]
    public void Methods_MustContainTheRequestMethod()
    {
        var matcher = new RouteMatcher(new ServiceRouteHttpMatch { Methods = ["GET", "PUT"] });

        Assert.True(matcher.Matches(Request("/", "PUT")));
        Assert.False(matcher.Matches(Request("/", "POST")));
    }

    [Fact]
    public void Headers_FollowEnvoysRules()
    {
        ServiceRouteHttpMatch Match(ServiceRouteHttpMatchHeader h) => new() { Header = [h] };

        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Exact = "2" })).Matches(Request("/", "GET", ("X-V", "2"))));
        Assert.False(new RouteMatcher(Match(new() { Name = "x-v", Exact = "2" })).Matches(Request("/")));
        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Prefix = "ab" })).Matches(Request("/", "GET", ("x-v", "abc"))));
        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Suffix = "bc" })).Matches(Request("/", "GET", ("x-v", "abc"))));
        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Regex = "a.c" })).Matches(Request("/", "GET", ("x-v", "abc"))));
        Assert.False(new RouteMatcher(Match(new()
        {
            Name = "x-v",
            Regex = "a.c",
            Invert = true,
        })).Matches(Request("/", "GET", ("x-v", "abc"))));
        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Present = true })).Matches(Request("/", "GET", ("x-v", ""))));
        Assert.True(new RouteMatcher(Match(new() { Name = "x-v", Present = true, Invert = true })).Matches(Request("/")));
        Assert.False(new RouteMatcher(Match(new() { Name = "x-v", Exact = "2", Invert = true })).Matches(Request("/")));
    }

    [Fact]
    public void QueryParams_AreComparedDecoded()
    {
        ServiceRouteHttpMatch Match(ServiceRouteHttpMatchQueryParam q) => new() { QueryParam = [q] };

        Assert.True(new RouteMatcher(Match(new() { Name = "env", Exact = "a b" })).Matches(Request("/x?y=1&env=a%20b")));
        Assert.False(new RouteMatcher(Match(new() { Name = "env", Exact = "a" })).Matches(Request("/x?y=1")));
        Assert.True(new RouteMatcher(Match(new() { Name = "env", Present = true })).Matches(Request("/x?env")));
        Assert.True(new RouteMatcher(Match(new() { Name = "env", Regex = "q[0-9]" })).Matches(Request("/?env=q7")));
    }

    [Fact]
    public void EmptyMatch_IsACatchAll()
    {
        Assert.True(new RouteMatcher(null).Matches(Request("/anything?x", "DELETE")));
    }

    [Theory]
    [InlineData("/admin/x", "/", "//x")]
    [InlineData("/admin/x", "/v2", "/v2/x")]
    [InlineData("/other", "/v2", "/other")]
    public void Rewrite_ReplacesTheMatchedPrefix(string path, string rewrite, string expected)
    {
        Assert.Equal(expected, new RouteMatcher(new ServiceRouteHttpMatch { PathPrefix = "/admin" }).Rewrite(path, rewrite));
    }
}
