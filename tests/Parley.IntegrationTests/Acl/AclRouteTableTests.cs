using System.Net;
using System.Text.RegularExpressions;
using Parley.Api;
using Parley.Testing;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// Tests generated from the route table: every route declares its ACL decision or is listed as not yet covered in
/// docs/architecture/acl.md, and every route that declares a permission refuses the anonymous token and admits the
/// management token on a real agent with <c>default_policy = "deny"</c>.
/// </summary>
public sealed partial class AclRouteTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryRoute_DeclaresAnAclDecision_OrIsListedAsNotYetCovered()
    {
        var listed = NotYetCovered();
        var routes = ApiRoutes.Build().Routes.ToList();

        var undeclared = routes.Where(r => r.Acl is null).Select(r => $"{r.Method} {r.Pattern}").ToHashSet(StringComparer.Ordinal);
        var missing = undeclared.Except(listed).Order(StringComparer.Ordinal).ToList();
        var stale = listed.Except(undeclared).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            "These routes have no ACL decision: declare one in their Map (AclCheck.Read/Write/Named/InHandler/None) "
            + "or list them under 'Not yet covered' in docs/architecture/acl.md:\n" + string.Join("\n", missing));
        Assert.True(
            stale.Count == 0,
            "docs/architecture/acl.md lists routes that now declare a decision (or no longer exist):\n" + string.Join("\n", stale));
    }

    /// <summary>
    /// The permission matrix: every route with a declared check x {no token, a token without the permission, a token
    /// with exactly it, the management token} on a real agent with <c>default_policy = "deny"</c>. Static checks are
    /// exercised from their declaration; in-handler and filtered decisions from <see cref="Probes"/>, which must name
    /// every such route (a new one without a probe fails here).
    /// </summary>
    [Fact]
    public async Task PermissionMatrix_EveryRoute_NoToken_Lacking_Exact_Management()
    {
        const string root = "4b1bd3e8-5f5c-4a3e-9a57-3c1f2a0e9d11";
        await using var agent = await AclHttp.StartDenyingAgentAsync(root, Ct);
        var matrix = new AclMatrix(agent.Http, root);
        var node = await matrix.SeedAsync();
        var lacking = await matrix.TokenAsync("key_prefix \"unrelated/\" { policy = \"read\" }");
        var probes = Probes(node, matrix.SessionIds, matrix.QueryIds, matrix.IntentionIds);

        var unprobed = ApiRoutes.Build().Routes
            .Where(r => r.Acl is { } acl
                && (acl.Description.StartsWith("in handler:", StringComparison.Ordinal)
                || acl.Description.StartsWith("filtered:", StringComparison.Ordinal)))
            .Select(r => $"{r.Method} {r.Pattern}")
            .Where(r => !probes.ContainsKey(r))
            .ToList();
        Assert.True(
            unprobed.Count == 0,
            "These in-handler or filtered routes have no probe in AclRouteTableTests.Probes:\n" + string.Join("\n", unprobed));

        foreach (var (method, pattern, acl) in ApiRoutes.Build().Routes)
        {
            var route = $"{method} {pattern}";
            if (acl is null || acl.Description.StartsWith("none:", StringComparison.Ordinal))
            {
                continue;
            }

            if (probes.TryGetValue(route, out var probe))
            {
                await matrix.RunProbeAsync(route, acl.Description.StartsWith("filtered:", StringComparison.Ordinal), probe, lacking);
            }
            else
            {
                await matrix.RunStaticAsync(route, method, pattern, acl.Description, node, lacking);
            }
        }
    }

    [Fact]
    public async Task AclsDisabled_AclEndpointsAnswer401_AndEverythingElseAsBefore()
    {
        await using var agent = await TestAgent.StartAsync(cancellationToken: Ct);

        var bootstrap = await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/bootstrap", null, null, Ct);
        var peerings = await agent.Http.SendAsync(HttpMethod.Get, "/v1/peerings", "made-up", null, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, "ACL support disabled"), (bootstrap.Status, bootstrap.Body));
        Assert.Equal(HttpStatusCode.OK, peerings.Status);
    }

    /// <summary>The routes in the "Not yet covered" section of docs/architecture/acl.md, one <c>`METHOD /pattern`</c> per line.</summary>
    private static HashSet<string> NotYetCovered()
    {
        var text = File.ReadAllText(DocPath());
        var section = text[text.IndexOf("## Not yet covered", StringComparison.Ordinal)..];
        return [.. ListedRoute().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "architecture", "acl.md");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("docs/architecture/acl.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    internal static partial Regex RouteValue();

    [GeneratedRegex(@"^- `((?:GET|PUT|POST|DELETE) /v1/[^`]*)`", RegexOptions.Multiline)]
    private static partial Regex ListedRoute();
}
