using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parley.Client;

/// <summary>
/// Sends one request to the agent and decodes the answer: query options to parameters, the token header,
/// <c>X-Consul-*</c> headers to <see cref="QueryMeta"/>, non-2xx statuses to <see cref="ParleyApiException"/>.
/// </summary>
/// <remarks>Thread-safe; one instance is shared by all areas of a <see cref="ParleyClient"/>.</remarks>
internal sealed class ApiTransport(HttpClient httpClient, string? token)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public HttpClient HttpClient => httpClient;

    public async Task<QueryResult<T>> QueryAsync<T>(
        string path, QueryOptions? options, IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, path, QueryParameters(options, parameters), options?.Token);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var value = await ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
        return new QueryResult<T>(value, ParseMeta(response));
    }

    /// <summary>Like <see cref="QueryAsync{T}"/> for an answer that is text, not JSON (a PEM chain).</summary>
    public async Task<QueryResult<string>> QueryTextAsync(
        string path, QueryOptions? options, IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, path, QueryParameters(options, parameters), options?.Token);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new QueryResult<string>(text, ParseMeta(response));
    }

    /// <summary>Like <see cref="QueryAsync{T}"/>, but a 404 gives <c>null</c> (how Consul's client reads a missing peering).</summary>
    public Task<QueryResult<T?>> QueryOrNotFoundAsync<T>(string path, QueryOptions? options, CancellationToken cancellationToken)
        where T : class => QueryOrNotFoundAsync<T>(path, options, null, cancellationToken);

    /// <summary>Like <see cref="QueryOrNotFoundAsync{T}(string, QueryOptions?, CancellationToken)"/> with more parameters.</summary>
    public async Task<QueryResult<T?>> QueryOrNotFoundAsync<T>(
        string path, QueryOptions? options, IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
        where T : class
    {
        using var request = CreateRequest(HttpMethod.Get, path, QueryParameters(options, parameters), options?.Token);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new QueryResult<T?>(null, ParseMeta(response));
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var value = await ReadJsonAsync<T?>(response, cancellationToken).ConfigureAwait(false);
        return new QueryResult<T?>(value, ParseMeta(response));
    }

    public async Task<T> WriteAsync<T>(
        HttpMethod method, string path, object? body, WriteOptions? options,
        IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
    {
        using var response = await SendWriteAsync(method, path, body, options, parameters, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(
        HttpMethod method, string path, object? body, WriteOptions? options,
        IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
    {
        using var response = await SendWriteAsync(method, path, body, options, parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Escapes each <c>/</c>-separated part of a path value, keeping the slashes (config entry names may hold them).</summary>
    public static string Escape(string value)
        => string.Join('/', value.Split('/').Select(Uri.EscapeDataString));

    private async Task<HttpResponseMessage> SendWriteAsync(
        HttpMethod method, string path, object? body, WriteOptions? options,
        IEnumerable<KeyValuePair<string, string?>>? parameters, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (options?.Datacenter is { Length: > 0 } dc)
        {
            query.Add(new("dc", dc));
        }

        if (parameters is not null)
        {
            query.AddRange(parameters);
        }

        using var request = CreateRequest(method, path, query, options?.Token);
        if (body is byte[] raw)
        {
            // A KV value goes as the body itself, not as JSON.
            request.Content = new ByteArrayContent(raw);
        }
        else if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ParleyJson.Options);
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = JsonContentType } };
        }

        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateRequest(
        HttpMethod method, string path, List<KeyValuePair<string, string?>> query, string? requestToken)
    {
        var text = new StringBuilder(path.TrimStart('/'));
        for (var i = 0; i < query.Count; i++)
        {
            text.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(query[i].Key)).Append('=');
            if (query[i].Value is { } value)
            {
                text.Append(Uri.EscapeDataString(value));
            }
        }

        var request = new HttpRequestMessage(method, new Uri(text.ToString(), UriKind.Relative));
        if ((requestToken ?? token) is { Length: > 0 } effectiveToken)
        {
            request.Headers.Add("X-Consul-Token", effectiveToken);
        }

        return request;
    }

    private static List<KeyValuePair<string, string?>> QueryParameters(
        QueryOptions? options, IEnumerable<KeyValuePair<string, string?>>? parameters)
    {
        // Order and spelling follow Consul's api client: dc, stale, consistent, index, wait, peer, filter.
        var query = new List<KeyValuePair<string, string?>>();
        if (options is not null)
        {
            if (options.Datacenter is { Length: > 0 } dc)
            {
                query.Add(new("dc", dc));
            }

            if (options.Stale)
            {
                query.Add(new("stale", null));
            }

            if (options.Consistent)
            {
                query.Add(new("consistent", null));
            }

            if (options.Index is > 0 and var index)
            {
                query.Add(new("index", index.ToString(CultureInfo.InvariantCulture)));
            }

            if (options.WaitHash is { Length: > 0 } hash)
            {
                query.Add(new("hash", hash));
            }

            if (options.Wait is { } wait && wait > TimeSpan.Zero)
            {
                query.Add(new("wait", ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms"));
            }

            if (options.Peer is { Length: > 0 } peer)
            {
                query.Add(new("peer", peer));
            }

            if (options.Filter is { Length: > 0 } filter)
            {
                query.Add(new("filter", filter));
            }
        }

        if (parameters is not null)
        {
            query.AddRange(parameters);
        }

        return query;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            // Name the request the way Go's net/http does ("Get \"http://...\": ..."), so CLI errors say what failed.
            var method = request.Method.Method[..1] + request.Method.Method[1..].ToLowerInvariant();
            var uri = new Uri(httpClient.BaseAddress!, request.RequestUri!);
            throw new HttpRequestException($"{method} \"{uri}\": {exception.Message}", exception, exception.StatusCode);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new ParleyApiException(response.StatusCode, body.Trim());
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return default!;
        }

        return JsonSerializer.Deserialize<T>(bytes, ParleyJson.Options)!;
    }

    private static QueryMeta ParseMeta(HttpResponseMessage response)
    {
        ulong index = 0;
        if (Header(response, "X-Consul-Index") is { } indexText)
        {
            _ = ulong.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index);
        }

        var knownLeader = string.Equals(Header(response, "X-Consul-KnownLeader"), "true", StringComparison.OrdinalIgnoreCase);
        var lastContact = TimeSpan.Zero;
        if (Header(response, "X-Consul-LastContact") is { } contactText
            && ulong.TryParse(contactText, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            lastContact = TimeSpan.FromMilliseconds(milliseconds);
        }

        return new QueryMeta(index, knownLeader, lastContact) { LastContentHash = Header(response, "X-Consul-ContentHash") ?? "" };
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
