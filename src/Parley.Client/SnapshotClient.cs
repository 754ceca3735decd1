using System.Globalization;
using System.Net.Http.Headers;

namespace Parley.Client;

/// <summary><c>/v1/snapshot</c>: save and restore the whole state as an archive (Consul's <c>client.Snapshot()</c>).</summary>
public sealed class SnapshotClient
{
    private readonly ApiTransport _transport;
    private readonly string? _token;

    internal SnapshotClient(ApiTransport transport, string? token)
    {
        _transport = transport;
        _token = token;
    }

    /// <summary>
    /// Downloads a snapshot archive (<c>GET /v1/snapshot</c>) into <paramref name="destination"/>; returns the log index it
    /// includes (<c>X-Consul-Index</c>). With <see cref="QueryOptions.Stale"/> any server answers from its own state.
    /// </summary>
    public async Task<ulong> SaveAsync(Stream destination, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = options?.Stale == true ? "v1/snapshot?stale" : "v1/snapshot";
        using var request = CreateRequest(HttpMethod.Get, path, options?.Token);
        using var response = await _transport.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValues("X-Consul-Index", out var values)
            && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : 0;
    }

    /// <summary>
    /// Uploads a snapshot archive (<c>PUT /v1/snapshot</c>): the servers check it and replace their whole state with it.
    /// A damaged archive is refused with a <see cref="ParleyApiException"/> and changes nothing.
    /// </summary>
    public async Task RestoreAsync(Stream source, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var request = CreateRequest(HttpMethod.Put, "v1/snapshot", options?.Token);
        request.Content = new StreamContent(source);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _transport.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, string? requestToken)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if ((requestToken ?? _token) is { Length: > 0 } token)
        {
            request.Headers.Add("X-Consul-Token", token);
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ParleyApiException(response.StatusCode, body.Trim());
        }
    }
}
