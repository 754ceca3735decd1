using System.Net;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>An HTTP client that calls a sidecar's public port over mesh mTLS, as another proxy (or a gateway) would.</summary>
internal static class MeshClient
{
    public static HttpClient Create(LeafCertificate leaf, ClientTlsSettings tls, int port, string protocol = "http")
    {
        var handler = MeshHttpHandler.Create(() => leaf, () => tls, () => TimeSpan.FromSeconds(5), TimeProvider.System);
        return new HttpClient(handler)
        {
            BaseAddress = new Uri(MeshHttpHandler.Prefix("127.0.0.1", port)),
            DefaultRequestVersion = MeshHttpHandler.VersionFor(protocol),
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Client settings that accept the sidecar of <paramref name="service"/> in <paramref name="cluster"/>.</summary>
    public static ClientTlsSettings To(TestCluster cluster, string service, string protocol = "http") => new(
        cluster.Sni(service), [cluster.ServiceId(service)], new TrustStore([cluster.Bundle()]),
        protocol == "tcp"
            ? []
            : protocol is "http2" or "grpc"
            ? [System.Net.Security.SslApplicationProtocol.Http2]
            : [System.Net.Security.SslApplicationProtocol.Http11]);

    /// <summary>Sends GET <paramref name="path"/> and reads the status and body.</summary>
    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> FetchAsync(
        this HttpClient client, string path, Action<HttpRequestMessage>? edit = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        edit?.Invoke(request);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body, response);
    }
}
