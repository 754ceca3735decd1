using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Agent;

/// <summary>Small HTTP helpers for the agent tests: PUT a JSON body, GET and parse JSON, read the index header.</summary>
internal static class ApiCalls
{
    public static Task<HttpResponseMessage> PutJsonAsync(
        this HttpClient http,
        string path,
        string body,
        CancellationToken cancellationToken) =>
        http.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>PUTs and asserts a 200, returning the body.</summary>
    public static async Task<string> PutOkAsync(this HttpClient http, string path, string body, CancellationToken cancellationToken)
    {
        using var response = await http.PutJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>GETs JSON, asserting a 200; returns the body and its <c>X-Consul-Index</c> (0 when absent).</summary>
    public static async Task<(T Body, long Index)> GetJsonWithIndexAsync<T>(this HttpClient http, string path,
        CancellationToken cancellationToken)
        where T : JsonNode
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        var index = response.Headers.TryGetValues("X-Consul-Index", out var values)
            ? long.Parse(values.Single(), CultureInfo.InvariantCulture)
            : 0;
        return ((T)JsonNode.Parse(text)!, index);
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient http, string path, CancellationToken cancellationToken)
        where T : JsonNode => (await http.GetJsonWithIndexAsync<T>(path, cancellationToken)).Body;
}
