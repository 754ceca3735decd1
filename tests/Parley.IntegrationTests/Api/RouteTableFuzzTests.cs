using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Parley.Api;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Api;

/// <summary>
/// Random requests generated from the route table against a real agent: paths made from every pattern (literal
/// segments in random case, odd characters and encodings in parameters, segments added and dropped, trailing slashes),
/// random methods, query strings and bodies. No request throws or answers a 5xx, and ASP.NET routes each path to
/// exactly the pattern <see cref="RouteReference"/> picks: a PATCH (no route has one) answers that pattern's 405 and
/// <c>Allow</c> list, a path no pattern takes answers the API's 404, and a route's own method reaches its handler.
/// </summary>
/// <remarks>
/// 10 000 cases by default; <c>PARLEY_ROUTE_FUZZ_CASES=1000000</c> runs a million (and <c>PARLEY_PROPERTY_SEED</c>
/// replays a seed CsCheck printed).
/// </remarks>
public sealed class RouteTableFuzzTests : IAsyncLifetime
{
    private const string NotAnEndpoint = "Invalid URL path: not a recognized HTTP API endpoint";

    // Routes whose handler is never run for real: they stop the agent, stream forever or replace its state. Their
    // routing is still checked with the PATCH probe.
    private static readonly HashSet<string> NotRun = new(StringComparer.Ordinal)
    {
        "PUT /v1/agent/leave", "PUT /v1/agent/reload", "GET /v1/agent/monitor", "PUT /v1/snapshot",
        "DELETE /v1/operator/raft/peer", "POST /v1/operator/raft/transfer-leader",
    };

    // Routes where Consul itself answers a client's mistake with a 500 (its RPC errors have no status of their own: the
    // legacy intention writes' validation and unknown IDs, a CA configuration it cannot use, a KV lock or unlock with a
    // missing or unknown session), and Parley matches it.
    private static readonly HashSet<string> ConsulsOwn500s = new(StringComparer.Ordinal)
    {
        "POST /v1/connect/intentions", "PUT /v1/connect/intentions/{id}", "DELETE /v1/connect/intentions/{id}",
        "PUT /v1/connect/intentions/exact", "DELETE /v1/connect/intentions/exact", "PUT /v1/connect/ca/configuration",
        "PUT /v1/kv/{**key}",
    };

    private static readonly List<(string Method, string Pattern)> Routes = [.. ApiRoutes.Build().Routes.Select(r => (r.Method, r.Pattern))];

    private static readonly Dictionary<string, HashSet<string>> MethodsByPattern = Routes
        .GroupBy(r => r.Pattern, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Method).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);

    private static readonly RouteReference Reference = new(Routes.Select(r => r.Pattern));

    private static readonly Gen<string> Segment = Gen.OneOf(
            Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~"].Array[1, 8].Select(c => new string(c)),
            Gen.OneOf("web", "consul", "default", "global", "maintenance", "name", "id", "service", "a.b", "*", "x:y", "a@b", "q=1"),
            Gen.OneOf("%20", "%2F", "%25", "%C3%A9", "%E2%9C%93", "%3F", "%23", "!", "$", "'", "(", ")", "+", ",", ";", "&"))
        .Array[1, 3].Select(parts => string.Concat(parts));

    private static readonly Gen<string> QueryValue = Gen.OneOf(
        Gen.Const(""), Segment, Gen.Int[-5, 100_000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("true", "false", "Service == web", "Service ==", "(((", "Meta.x is empty", "not", "%ZZ", "_agent", "1e9", "-1"));

    private static readonly Gen<string> Query = Gen.Select(
            Gen.OneOf("recurse", "keys", "separator", "raw", "filter", "cas", "flags", "passing", "tag", "node-meta", "near",
                "cached", "stale", "consistent", "pretty", "peer", "limit", "acquire", "release", "kind", "name", "bogus"),
            QueryValue)
        .Array[0, 4]
        .Select(pairs => pairs.Length == 0
            ? ""
            : "?" + string.Join("&", pairs.Select(p => p.Item2.Length == 0 ? p.Item1 : $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));

    private static readonly string?[] Bodies =
        [null, "{}", "[]", "{\"Name\":", "null", "\"x\"", "{\"Kind\":\"ingress-gateway\",\"Name\":\"g\",\"Listeners\":7}"];

    private static readonly Gen<string?> Body = Gen.Int[0, Bodies.Length - 1].Select(i => Bodies[i]);

    private static readonly Gen<Request> Requests = Gen.Select(
            Gen.Int[0, Routes.Count - 1],
            Gen.Int[0, 9],
            Gen.Bool.Array[8],
            Segment.Array[0, 3],
            Gen.OneOf("GET", "PUT", "POST", "DELETE", "PATCH"),
            Query,
            Body)
        .Select((index, shape, upper, extra, otherMethod, query, body) =>
        {
            var (method, pattern) = Routes[index];
            var segments = new List<string>();
            var literal = 0;
            foreach (var part in pattern.Trim('/').Split('/'))
            {
                segments.AddRange(
                    part.StartsWith("{**", StringComparison.Ordinal) ? extra
                    : part.StartsWith('{') ? [extra.Length > 0 ? extra[0] : "x"]
                    : [upper[literal++ % upper.Length] ? part.ToUpperInvariant() : part]);
            }

            // Shapes 0-5: the route as it is; 6: a segment more; 7: the last segment dropped; 8: a trailing slash;
            // 9: a path no pattern starts with.
            switch (shape)
            {
                case 6:
                    segments.Add(extra.Length > 0 ? extra[^1] : "more");
                    break;
                case 7 when segments.Count > 1:
                    segments.RemoveAt(segments.Count - 1);
                    break;
                case 9:
                    segments = ["v1", "no-such-area", .. extra];
                    break;
                default:
                    break;
            }

            var path = "/" + string.Join("/", segments) + (shape == 8 ? "/" : "");
            return new Request(shape % 3 == 0 ? otherMethod : method, path, query, body);
        });

    private TestAgent _agent = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);
        await _agent.Http.WaitForCaAsync(Ct);
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public void NoRouteUsesPatch_SoThePatchProbeNeverRunsAHandler() =>
        Assert.DoesNotContain(Routes, r => string.Equals(r.Method, "PATCH", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task RandomRequests_NeverA5xx_AndReachThePatternTheReferencePicks()
    {
        var iterations =
            long.TryParse(Environment.GetEnvironmentVariable("PARLEY_ROUTE_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n)
            ? n
            : 10_000;
        var seed = Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SEED") is { Length: > 0 } s ? s : null;
        await Requests.SampleAsync(CheckAsync, iter: iterations, threads: 1, seed: seed);
    }

    private async Task CheckAsync(Request request)
    {
        var expected = Reference.Match(request.Path);

        // The probe: PATCH is no route's method, so the answer names the pattern ASP.NET chose by its Allow list.
        var probe = await SendAsync("PATCH", request.Path, request.Query, null);
        if (expected is null)
        {
            Assert.True(
                probe.Status == HttpStatusCode.NotFound && probe.Body.StartsWith(NotAnEndpoint, StringComparison.Ordinal),
                $"PATCH {request.Path}: {probe}");
            return;
        }

        var methods = MethodsByPattern[expected];
        Assert.True(probe.Status == HttpStatusCode.MethodNotAllowed, $"PATCH {request.Path} (reference: {expected}): {probe}");
        Assert.True(methods.SetEquals(probe.Allow.Where(m => m != "OPTIONS")),
            $"PATCH {request.Path}: Allow {string.Join(",", probe.Allow)}, reference {expected} has {string.Join(",", methods)}");

        if (request.Method == "PATCH" || NotRun.Contains($"{request.Method} {expected}"))
        {
            return;
        }

        var answer = await SendAsync(request.Method, request.Path, request.Query, request.Body);
        Assert.True(
            (int)answer.Status < 500
                || (answer.Status == HttpStatusCode.InternalServerError && ConsulsOwn500s.Contains($"{request.Method} {expected}")),
            $"{request.Method} {request.Path}{request.Query} (route {expected}): {answer}");
        Assert.True(
            methods.Contains(request.Method) == (answer.Status != HttpStatusCode.MethodNotAllowed),
            $"{request.Method} {request.Path}: {answer}");
        Assert.False(answer.Body.StartsWith(NotAnEndpoint, StringComparison.Ordinal), $"{request.Method} {request.Path}: {answer}");
    }

    private async Task<Answer> SendAsync(string method, string path, string query, string? body)
    {
        // The path goes out exactly as generated: no client-side dot-segment removal or unescaping.
        var uri = new Uri(new Uri(_agent.Address, path).GetLeftPart(UriPartial.Authority) + path + query,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var message = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await _client.SendAsync(message, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        return new Answer(response.StatusCode, text, [.. response.Content.Headers.Allow]);
    }

    /// <summary>One generated request.</summary>
    public sealed record Request(string Method, string Path, string Query, string? Body);

    private sealed record Answer(HttpStatusCode Status, string Body, IReadOnlyList<string> Allow)
    {
        public override string ToString() => $"{(int)Status} {Body[..Math.Min(Body.Length, 300)]}";
    }
}
