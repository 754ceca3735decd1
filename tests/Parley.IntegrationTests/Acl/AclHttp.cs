using System.Net;
using System.Text;
using System.Text.Json.Nodes;

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

    public static async Task<Answer> SendAsync(
        this HttpClient http, HttpMethod method, string path, string? token, string? body, CancellationToken cancellationToken, Via via = Via.Header)
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
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
