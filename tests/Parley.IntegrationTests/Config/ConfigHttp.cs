using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>The HTTP calls the config, discovery-chain and intention tests make: status, body text and index of each answer.</summary>
internal static class ConfigHttp
{
    /// <summary>One answer: status, body text, and <c>X-Consul-Index</c> (0 when absent).</summary>
    public sealed record Answer(HttpStatusCode Status, string Body, long Index)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        /// <summary>Asserts a 200 and returns the parsed body.</summary>
        public T Ok<T>()
            where T : JsonNode
        {
            Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
            return (T)Json;
        }
    }

    public static Task<Answer> PutAnswerAsync(this HttpClient http, string path, string body, CancellationToken cancellationToken) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(body) }, cancellationToken);

    public static Task<Answer> PostAnswerAsync(this HttpClient http, string path, string body, CancellationToken cancellationToken) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) }, cancellationToken);

    public static Task<Answer> GetAnswerAsync(this HttpClient http, string path, CancellationToken cancellationToken) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public static Task<Answer> DeleteAnswerAsync(this HttpClient http, string path, CancellationToken cancellationToken) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>Writes a config entry and asserts the agent answered <c>true</c>.</summary>
    public static async Task WriteEntryAsync(this HttpClient http, string body, CancellationToken cancellationToken)
    {
        var answer = await http.PutAnswerAsync("/v1/config", body, cancellationToken);
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Body == "true", $"PUT /v1/config: {(int)answer.Status} {answer.Body}");
    }

    /// <summary>
    /// Waits until the discovery chain compiles: it needs the Connect CA's trust domain, and the agent creates the CA
    /// shortly after it becomes leader (until then the chain is Consul's 500 <c>no cluster ca config setup</c>).
    /// </summary>
    public static Task WaitForCaAsync(this HttpClient http, CancellationToken cancellationToken) =>
        Eventually.ReadAsync(
            () => http.GetAnswerAsync("/v1/discovery-chain/ca-probe", cancellationToken),
            chain => chain.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20),
            "the discovery chain compiles",
            cancellationToken);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await http.SendAsync(request, cancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var index = response.Headers.TryGetValues("X-Consul-Index", out var values)
                ? long.Parse(values.Single(), CultureInfo.InvariantCulture)
                : 0;
            return new Answer(response.StatusCode, body, index);
        }
    }
}
