using System.Net;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;

namespace Parley.Ui.Tests;

/// <summary>How the agent serves the UI's files: redirects, client routes, types, caching, and switching it off.</summary>
public sealed class UiServingTests
{
    private static HttpClient NoRedirects(TestAgent agent) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = agent.Address };

    [Fact]
    public async Task Root_Get_RedirectsToUi()
    {
        await using var agent = await Clusters.StartAsync("dc1", TestContext.Current.CancellationToken);
        using var http = NoRedirects(agent);

        using var response = await http.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/ui/")]
    [InlineData("/ui/peers")]
    [InlineData("/ui/peers/cluster-02/exported-services")]
    [InlineData("/ui/services/web")]
    public async Task ClientRoute_Get_AnswersTheSinglePage(string path)
    {
        await using var agent = await Clusters.StartAsync("dc1", TestContext.Current.CancellationToken);

        using var response = await agent.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/ui/assets/js/main.js", body, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_Get_HaveTheirTypesAndRevalidateWithETag()
    {
        await using var agent = await Clusters.StartAsync("dc1", TestContext.Current.CancellationToken);

        using var css = await agent.Http.GetAsync("/ui/assets/app.css", TestContext.Current.CancellationToken);
        using var js = await agent.Http.GetAsync("/ui/assets/js/main.js", TestContext.Current.CancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ui/assets/app.css");
        again.Headers.IfNoneMatch.Add(css.Headers.ETag!);
        using var revalidated = await agent.Http.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", css.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/ui/assets/js/missing.js")]
    [InlineData("/ui/robots.txt")]
    public async Task MissingFile_Get_Is404NotThePage(string path)
    {
        await using var agent = await Clusters.StartAsync("dc1", TestContext.Current.CancellationToken);

        using var response = await agent.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UiDisabled_Get_Is404AndApiStillAnswers()
    {
        await using var agent = await TestAgent.StartAsync(
            c => c with { UiEnabled = false }, cancellationToken: TestContext.Current.CancellationToken);

        using var ui = await agent.Http.GetAsync("/ui/", TestContext.Current.CancellationToken);
        using var api = await agent.Http.GetAsync("/v1/catalog/services", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
