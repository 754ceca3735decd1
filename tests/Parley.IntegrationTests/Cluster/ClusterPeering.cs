using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// The HTTP steps the multi-process peering tests share: generating a token once every acceptor server is in it,
/// establishing, and reading a peering, all through the public API of real <c>parley agent -server</c> processes.
/// </summary>
internal static class ClusterPeering
{
    /// <summary>How long the acceptor may take to be able to generate a token (CA and catalog written after an election).</summary>
    private static readonly TimeSpan TokenTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Generates a token on <paramref name="acceptor"/> for <paramref name="peerName"/>, waiting until the acceptor can
    /// (its Connect CA exists) and the token lists <paramref name="servers"/> distinct server addresses.
    /// </summary>
    public static async Task<string> GenerateTokenAsync(
        ParleyProcess acceptor,
        string peerName,
        int servers,
        CancellationToken cancellationToken)
    {
        var token = await Eventually.ReadAsync(
            () => TryGenerateTokenAsync(acceptor, peerName, externalAddresses: null, cancellationToken),
            t => t is not null && ServerAddresses(t).Distinct().Count() == servers,
            TokenTimeout,
            $"a peering token listing {servers} acceptor servers",
            cancellationToken);
        return token!;
    }

    /// <summary>A token for <paramref name="peerName"/>, or null while the server cannot generate one yet.</summary>
    public static async Task<string?> TryGenerateTokenAsync(
        ParleyProcess acceptor, string peerName, IReadOnlyList<string>? externalAddresses, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["PeerName"] = peerName };
        if (externalAddresses is not null)
        {
            request["ServerExternalAddresses"] = new JsonArray([.. externalAddresses.Select(a => JsonValue.Create(a))]);
        }

        try
        {
            using var response = await acceptor.Http.PostAsync(
                "/v1/peering/token", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["PeeringToken"]!.GetValue<string>()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Establishes <paramref name="peerName"/> on <paramref name="dialer"/> with <paramref name="token"/>.
    /// </summary>
    public static Task EstablishAsync(ParleyProcess dialer, string peerName, string token, CancellationToken cancellationToken) =>
        EstablishAsync(() => Task.FromResult(dialer), peerName, token, cancellationToken);

    /// <summary>
    /// Establishes <paramref name="peerName"/> with <paramref name="token"/> on the server <paramref name="dialer"/> names
    /// (asked again for each attempt: the dialer's leader may change). A refused secret fails the test: an exchange attempt
    /// that timed out after the acceptor applied it is answered on retry, never refused. Only when every attempt of the
    /// dialer's 3 s budget timed out (a loaded machine) is the establish run again, with the same token, twice at most
    /// (each logged): a re-run of the same establish picks up what a late apply stored.
    /// </summary>
    public static async Task EstablishAsync(
        Func<Task<ParleyProcess>> dialer, string peerName, string token, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["PeerName"] = peerName, ["PeeringToken"] = token }.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var response = await (await dialer()).Http.PostAsync(
                "/v1/peering/establish", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"establish attempt {attempt}: {(int)response.StatusCode} {text}");
            Assert.True(
                attempt < 3 && text.Contains("failed to exchange peering secret", StringComparison.Ordinal) &&
                !text.Contains("invalid peering establishment secret", StringComparison.Ordinal),
                $"POST /v1/peering/establish (attempt {attempt}): {(int)response.StatusCode} {text}");
        }
    }

    /// <summary>The server addresses a token lists (base64 JSON, <c>ServerAddresses</c>).</summary>
    public static List<string> ServerAddresses(string token) =>
        [.. JsonNode.Parse(Convert.FromBase64String(token))!["ServerAddresses"]!.AsArray().Select(a => a!.GetValue<string>())];

    /// <summary><c>GET /v1/peering/{peer}</c>; null when it is not found or the server cannot be reached.</summary>
    public static async Task<JsonObject?> PeeringAsync(ParleyProcess server, string peer, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await server.Http.GetAsync($"/v1/peering/{peer}", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The reported state of <paramref name="peer"/> on <paramref name="server"/>; null when not readable.</summary>
    public static async Task<string?> StateAsync(ParleyProcess server, string peer, CancellationToken cancellationToken) =>
        (await PeeringAsync(server, peer, cancellationToken))?["State"]?.GetValue<string>();

    /// <summary>Waits until <paramref name="server"/> reports <paramref name="peer"/> ACTIVE.</summary>
    public static Task<string?> WaitActiveAsync(ParleyProcess server, string peer, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.ReadAsync(
            () => StateAsync(server, peer, cancellationToken), s => s == "ACTIVE", timeout, $"peering {peer} ACTIVE", cancellationToken);

    /// <summary>
    /// Waits until the importing <paramref name="server"/> has reconciled every one of <paramref name="services"/> with what
    /// the peer sent after <paramref name="since"/> (<c>StreamStatus.ImportedAt</c>): a stream opened since then has
    /// delivered them and they are applied, so whatever that delivery does to the import has happened.
    /// </summary>
    public static Task WaitImportedSinceAsync(
        ParleyProcess server, string peer, IReadOnlyList<string> services, DateTimeOffset since, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        Eventually.ReadAsync(
            async () => (await PeeringAsync(server, peer, cancellationToken))?["StreamStatus"]?["ImportedAt"]?.AsObject(),
            importedAt => importedAt is not null && services.All(
                s => importedAt[s]?.GetValue<string>() is { } at && DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) > since),
            timeout,
            $"{string.Join(", ", services)} imported from {peer} again after {since:O}",
            cancellationToken);
}
