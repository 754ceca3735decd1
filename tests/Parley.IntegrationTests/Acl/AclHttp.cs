using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Agent.Configuration;
using Parley.Testing;

namespace Parley.IntegrationTests.Acl;

/// <summary>HTTP calls with an ACL token, the way clients send it: X-Consul-Token, Authorization: Bearer or ?token=.</summary>
internal static class AclHttp
{
    public enum Via
    {
        Header,
        Bearer,
        Query,
    }

    public sealed record Answer(HttpStatusCode Status, string Body)
    {
        /// <summary>The answer carried <c>X-Consul-Results-Filtered-By-ACLs: true</c>.</summary>
        public bool FilteredByAcls { get; init; }

        public JsonObject Object()
        {
            Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
            return JsonNode.Parse(Body)!.AsObject();
        }

        public JsonArray Array()
        {
            Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
            return JsonNode.Parse(Body)!.AsArray();
        }
    }

    /// <summary>
    /// Starts an agent with <c>default_policy = "deny"</c> and <paramref name="root"/> as its initial management token,
    /// and waits until the leader has written that token (a user's first call would fail before).
    /// </summary>
    public static Task<TestAgent> StartDenyingAgentAsync(
        string root, CancellationToken cancellationToken, Func<AgentConfig, AgentConfig>? configure = null) =>
        TestAgent.StartDenyingAsync(root, configure, cancellationToken);

    public static async Task<Answer> SendAsync(
        this HttpClient http, HttpMethod method, string path, string? token, string? body, CancellationToken cancellationToken,
            Via via = Via.Header)
    {
        if (token is not null && via == Via.Query)
        {
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(token);
        }

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null && via == Via.Header)
        {
            request.Headers.Add("X-Consul-Token", token);
        }
        else if (token is not null && via == Via.Bearer)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "bearer " + token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken))
        {
            FilteredByAcls = response.Headers.TryGetValues("X-Consul-Results-Filtered-By-ACLs", out var filtered)
                && filtered.Contains("true"),
        };
    }
}
