using System.Net;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// One route of the permission matrix: how to call it, the rules of a token holding exactly what it needs, and for a
/// filtered route the text that shows the readable item is in the answer.
/// </summary>
/// <param name="Path">The path to call, query included.</param>
/// <param name="Body">The body of a PUT/POST, or null.</param>
/// <param name="Rules">The rules of the token that holds exactly the permission.</param>
/// <param name="Marker">For a filtered route, text present only when the item is shown; null when nothing can be shown.</param>
internal sealed record AclProbe(string Path, string? Body, string Rules, string? Marker = null);

/// <summary>
/// Runs the permission matrix against a real agent: seeds what the probes read and write, makes tokens, and checks each
/// route with no token, a token lacking the permission, a token with exactly it, and the management token.
/// </summary>
internal sealed class AclMatrix(HttpClient http, string root)
{
    private const string FilteredHeader = "X-Consul-Results-Filtered-By-ACLs";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sessions on the agent's node: [0] read by the probes, [1] destroyed, [2] renewed.</summary>
    public List<string> SessionIds { get; } = [];

    /// <summary>The IDs of the prepared queries <see cref="SeedAsync"/> made: <c>mquery</c> and <c>mqdel</c>.</summary>
    public List<string> QueryIds { get; } = [];

    /// <summary>
    /// The IDs of the legacy intentions <see cref="SeedAsync"/> made: web → lsvc (read, updated) and web → ldel (deleted).
    /// </summary>
    public List<string> IntentionIds { get; } = [];

    /// <summary>Registers the services, checks, keys, config entries and sessions the probes use; returns the agent's node name.</summary>
    public async Task<string> SeedAsync()
    {
        var self = (await http.SendAsync(HttpMethod.Get, "/v1/agent/self", root, null, Ct)).Object();
        var node = (string)self["Config"]!["NodeName"]!;
        await OkAsync(
            HttpMethod.Put,
            "/v1/agent/service/register",
            """{"Name":"msvc","ID":"msvc","Port":80,"Check":{"CheckID":"msvc-ttl","TTL":"300s"}}""");
        await OkAsync(HttpMethod.Put, "/v1/agent/service/register",
            """{"Name":"msvc-proxy","ID":"msvc-proxy","Kind":"connect-proxy","Port":21000,"Proxy":{"DestinationServiceName":"msvc"}}""");
        await OkAsync(HttpMethod.Put, "/v1/agent/service/register", """{"Name":"gone-svc","ID":"gone-svc","Port":82}""");
        await OkAsync(HttpMethod.Put, "/v1/agent/check/register", """{"CheckID":"mnode-ttl","Name":"mnode-ttl","TTL":"300s"}""");
        await OkAsync(HttpMethod.Put, "/v1/agent/check/register", """{"CheckID":"gone-check","Name":"gone-check","TTL":"300s"}""");
        await OkAsync(HttpMethod.Put, "/v1/event/fire/mevent", "");
        await OkAsync(HttpMethod.Put, "/v1/kv/mkey", "v");
        await OkAsync(HttpMethod.Put, "/v1/kv/mkey3", "v");
        await OkAsync(HttpMethod.Put, "/v1/config", """{"Kind":"service-defaults","Name":"msvc","Protocol":"http"}""");
        await OkAsync(
            HttpMethod.Put,
            "/v1/config",
            """{"Kind":"service-intentions","Name":"msvc","Sources":[{"Name":"web","Action":"allow"}]}""");
        foreach (var destination in new[] { "lsvc", "ldel" })
        {
            var created = JsonNode.Parse(await OkAsync(HttpMethod.Post, "/v1/connect/intentions",
                $$"""{"SourceName":"web","DestinationName":"{{destination}}","Action":"allow"}"""))!;
            IntentionIds.Add((string)created["ID"]!);
        }

        for (var i = 0; i < 3; i++)
        {
            var created =
                JsonNode.Parse(await OkAsync(HttpMethod.Put, "/v1/session/create", """{"Name":"m","NodeChecks":[],"Checks":[]}"""))!;
            SessionIds.Add((string)created["ID"]!);
        }

        foreach (var name in new[] { "mquery", "mqdel" })
        {
            var created =
                JsonNode.Parse(
                await OkAsync(HttpMethod.Post, "/v1/query", $$$"""{"Name":"{{{name}}}","Service":{"Service":"msvc-proxy"}}"""))!;
            QueryIds.Add((string)created["ID"]!);
        }

        return node;
    }

    /// <summary>A token holding one policy with <paramref name="rules"/>.</summary>
    public async Task<(string Accessor, string Secret)> TokenAsync(string rules)
    {
        var name = "p-" + Guid.NewGuid().ToString("N")[..12];
        await OkAsync(HttpMethod.Put, "/v1/acl/policy", new JsonObject { ["Name"] = name, ["Rules"] = rules }.ToJsonString());
        var token = JsonNode.Parse(await OkAsync(HttpMethod.Put, "/v1/acl/token", $$"""{"Policies":[{"Name":"{{name}}"}]}"""))!;
        return ((string)token["AccessorID"]!, (string)token["SecretID"]!);
    }

    /// <summary>A route whose permission is declared: refused without it (Consul's text), admitted with exactly it.</summary>
    public async Task RunStaticAsync(
        string route,
        string method,
        string pattern,
        string description,
        string node,
        (string Accessor, string Secret) lacking)
    {
        var path = AclRouteTableTests.RouteValue().Replace(pattern, "x");
        var body = method is "PUT" or "POST" ? "{}" : null;
        var permission = description.Split(' ')[0];
        var (resource, access) = (permission.Split(':')[0], permission.Split(':')[1]);
        var name = description.Contains(" on {", StringComparison.Ordinal)
            ? "x"
            : description.Contains("agent's node", StringComparison.Ordinal)
            ? node
            : "";
        var rules = name.Length > 0 ? $"{resource} \"{name}\" {{ policy = \"{access}\" }}" : $"{resource} = \"{access}\"";

        var anonymous = await http.SendAsync(new HttpMethod(method), path, null, body, Ct);
        Assert.True(anonymous.Status == HttpStatusCode.Forbidden
            && anonymous.Body.Contains($"anonymous token lacks permission '{permission}'", StringComparison.Ordinal),
            $"{route} ({description}) without a token: {(int)anonymous.Status} {anonymous.Body}");
        var denied = await http.SendAsync(new HttpMethod(method), path, lacking.Secret, body, Ct);
        Assert.True(denied.Status == HttpStatusCode.Forbidden
                && denied.Body.Contains(
                    $"token with AccessorID '{lacking.Accessor}' lacks permission '{permission}'",
                    StringComparison.Ordinal),
            $"{route} ({description}) with a token lacking it: {(int)denied.Status} {denied.Body}");

        // Leaving stops the agent and the monitor streams until the client leaves: their refusals are checked, their
        // success is not tried.
        if (route is "PUT /v1/agent/leave" or "GET /v1/agent/monitor")
        {
            return;
        }

        var exact = await TokenAsync(rules);
        AssertAdmitted(route, "exactly " + rules, await http.SendAsync(new HttpMethod(method), path, exact.Secret, body, Ct));
        AssertAdmitted(route, "management", await http.SendAsync(new HttpMethod(method), path, root, body, Ct));
    }

    /// <summary>An in-handler or filtered route, by its probe.</summary>
    public async Task RunProbeAsync(string route, bool filtered, AclProbe probe, (string Accessor, string Secret) lacking)
    {
        var method = new HttpMethod(route.Split(' ')[0]);
        var exact = await TokenAsync(probe.Rules);
        if (filtered)
        {
            var (none, noneFiltered) = await SendWithHeaderAsync(method, probe.Path, null, probe.Body);
            Assert.True(
                Hidden(none, probe.Marker) && !noneFiltered,
                $"{route} without a token: {(int)none.Status} {none.Body} (filtered mark: {noneFiltered})");
            var (denied, deniedFiltered) = await SendWithHeaderAsync(method, probe.Path, lacking.Secret, probe.Body);
            Assert.True(Hidden(denied, probe.Marker) && (deniedFiltered || probe.Marker is null),
                $"{route} with a token lacking it: {(int)denied.Status} {denied.Body} (filtered mark: {deniedFiltered})");
            // Exactly the permission shows the item; other rows of a list may still be left out.
            var (allowed, _) = await SendWithHeaderAsync(method, probe.Path, exact.Secret, probe.Body);
            Assert.True(Shown(allowed, probe.Marker), $"{route} with exactly {probe.Rules}: {(int)allowed.Status} {allowed.Body}");
            var (management, managementFiltered) = await SendWithHeaderAsync(method, probe.Path, root, probe.Body);
            Assert.True(
                Shown(management, probe.Marker) && !managementFiltered,
                $"{route} with management: {(int)management.Status} {management.Body}");
            return;
        }

        var anonymous = await http.SendAsync(method, probe.Path, null, probe.Body, Ct);
        Assert.True(Refused(anonymous, "anonymous token"), $"{route} without a token: {(int)anonymous.Status} {anonymous.Body}");
        var refused = await http.SendAsync(method, probe.Path, lacking.Secret, probe.Body, Ct);
        Assert.True(
            Refused(refused, $"token with AccessorID '{lacking.Accessor}'"),
            $"{route} with a token lacking it: {(int)refused.Status} {refused.Body}");
        AssertAdmitted(route, "exactly " + probe.Rules, await http.SendAsync(method, probe.Path, exact.Secret, probe.Body, Ct));
        AssertAdmitted(route, "management", await http.SendAsync(method, probe.Path, root, probe.Body, Ct));
    }

    // A transaction reports a refused op among its 409's errors, every other route with a 403.
    private static bool Refused(AclHttp.Answer answer, string who) =>
        answer.Status is HttpStatusCode.Forbidden or HttpStatusCode.Conflict && answer.Body.Contains(
            $"{who} lacks permission",
            StringComparison.Ordinal);

    private static void AssertAdmitted(string route, string who, AclHttp.Answer answer) => Assert.False(
        answer.Body.Contains("lacks permission", StringComparison.Ordinal),
        $"{route} with {who}: {(int)answer.Status} {answer.Body}");

    private static bool Hidden(AclHttp.Answer answer, string? marker) =>
        answer.Status is HttpStatusCode.OK or HttpStatusCode.NotFound && (
            marker is null || !answer.Body.Contains(marker, StringComparison.Ordinal));

    private static bool Shown(AclHttp.Answer answer, string? marker) =>
        answer.Status == HttpStatusCode.OK && (marker is null || answer.Body.Contains(marker, StringComparison.Ordinal));

    private async Task<(AclHttp.Answer Answer, bool Filtered)> SendWithHeaderAsync(HttpMethod method, string path, string? token,
        string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Consul-Token", token);
        }

        using var response = await http.SendAsync(request, Ct);
        var filtered = response.Headers.TryGetValues(FilteredHeader, out var values) && values.Contains("true");
        return (new AclHttp.Answer(response.StatusCode, await response.Content.ReadAsStringAsync(Ct)), filtered);
    }

    private async Task<string> OkAsync(HttpMethod method, string path, string body)
    {
        var answer = await http.SendAsync(method, path, root, body, Ct);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{method} {path}: {(int)answer.Status} {answer.Body}");
        return answer.Body;
    }
}
