using System.Globalization;
using System.Net;
using System.Text;

namespace Parley.Bench;

/// <summary>The request bodies and the setup of the scenarios.</summary>
internal static class Scenarios
{
    public const string ReadService = "bench-web";

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A node unique to (worker, n), with one instance of the service <c>bench-reg</c>.</summary>
    public static string RegisterBody(int worker, long n) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"Node": "bench-{{{worker}}}-{{{n}}}", "Address": "10.{{{worker % 256}}}.{{{n / 256 % 256}}}.{{{n % 256}}}",
         "Service": {"ID": "bench-reg-{{{n}}}", "Service": "bench-reg", "Port": 8080, "Tags": ["v1"]}}
        """);

    /// <summary>Registers <paramref name="instances"/> instances of <see cref="ReadService"/>; returns the read path.</summary>
    public static async Task<string> SeedReadServiceAsync(HttpClient http, int instances, CancellationToken cancellationToken)
    {
        for (var i = 0; i < instances; i++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $$$"""
                {"Node": "web-{{{i}}}", "Address": "10.200.0.{{{i % 256}}}", "NodeMeta": {"rack": "r{{{i % 3}}}"},
                 "Service": {"ID": "web-{{{i}}}", "Service": "{{{ReadService}}}", "Port": 8080, "Tags": ["v1", "primary"],
                             "Meta": {"version": "1.2.3"}},
                 "Check": {"CheckID": "web-{{{i}}}-alive", "Name": "alive", "Status": "passing", "ServiceID": "web-{{{i}}}",
                           "Output": "HTTP GET http://10.200.0.{{{i % 256}}}:8080/health: 200 OK Output: ok"}}
                """);
            using var content = JsonContent(body);
            using var response = await http.PutAsync("/v1/catalog/register", content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        return $"/v1/health/service/{ReadService}";
    }

    /// <summary>The body and the Consul headers of one answer, for the static endpoint to repeat.</summary>
    public static async Task<(byte[] Body, IReadOnlyDictionary<string, string> Headers)> CaptureAsync(
        HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = response.Content.Headers.ContentType?.ToString() ?? "application/json",
        };
        foreach (var name in new[] { "X-Consul-Index", "X-Consul-KnownLeader", "X-Consul-LastContact" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                headers[name] = string.Join(",", values);
            }
        }

        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), headers);
    }

    /// <summary>GETs <paramref name="path"/>, reads the whole body, and checks it is the expected size.</summary>
    public static async Task<bool> ReadMatchesAsync(HttpClient http, string path, int expectedLength, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            && (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length == expectedLength;
    }
}
