using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>Test set-up and checks through the public HTTP API, next to what the UI does.</summary>
public static class ApiCalls
{
    /// <summary>Registers a service instance on the agent with a TTL check in <paramref name="status"/>.</summary>
    public static async Task RegisterServiceAsync(
        this HttpClient http, string name, string id, int port, string status = "passing", string? output = null, params string[] tags)
    {
        var body = new JsonObject
        {
            ["Name"] = name,
            ["ID"] = id,
            ["Port"] = port,
            ["Tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
            ["Check"] = new JsonObject { ["CheckID"] = id + "-ttl", ["Name"] = name + " heartbeat", ["TTL"] = "10m" },
        };
        await SendAsync(http, HttpMethod.Put, "/v1/agent/service/register", body);
        await SendAsync(http, HttpMethod.Put, $"/v1/agent/check/update/{id}-ttl",
            new JsonObject { ["Status"] = status, ["Output"] = output ?? $"{name} reports {status}" });
    }

    public static async Task<JsonNode?> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<string> SendAsync(this HttpClient http, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
