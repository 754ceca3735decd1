using System.Globalization;
using System.Text;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Core.Kv;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Kv;

/// <summary>
/// Handlers of <c>/v1/kv/&lt;key&gt;</c> as Consul's: GET one key (<c>?raw</c>), a prefix (<c>?recurse</c>) or its keys
/// (<c>?keys</c>, <c>?separator</c>), blocking on that key's or prefix's own index; PUT with <c>?flags</c>,
/// <c>?cas</c>, <c>?acquire</c>, <c>?release</c> answering <c>true</c>/<c>false</c>; DELETE with <c>?recurse</c> or
/// <c>?cas</c>.
/// </summary>
internal static class KvEndpoints
{
    private const string Prefix = "/v1/kv/";

    public static void Map(RouteTable routes) => routes
        .Get(
            "/v1/kv/{**key}",
            GetAsync,
            AclCheck.InHandler("key:read on the key; ?keys: key:list on the prefix; ?recurse and ?keys leave out keys without key:read"))
        .Put("/v1/kv/{**key}", PutAsync, AclCheck.InHandler("key:write on the key"))
        .Delete(
            "/v1/kv/{**key}",
            DeleteAsync,
            AclCheck.InHandler("key:write on the key; ?recurse: key:write on the prefix and everything under it"));

    // The decoded path, as Consul's req.URL.Path: a key keeps its slashes, including a trailing one.
    private static string Key(ApiContext api)
    {
        var path = api.DecodedPath;
        return path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : "";
    }

    private static bool Has(ApiContext api, string name) => api.Http.Request.Query.ContainsKey(name);

    private static Task GetAsync(ApiContext api)
    {
        var key = Key(api);
        if (Has(api, "keys"))
        {
            var separator = api.QueryValue("separator") ?? api.QueryValue("seperator") ?? "";
            return api.ReadAsync(
                s =>
                {
                    api.Authorize(AclResource.Key, AclAccess.List, key);
                    var readable = api.Readable(s.KvList(key).Select(e => e.Key), (a, k) => a.Allows(AclResource.Key, AclAccess.Read, k));
                    return new QueryResult<List<string>>(KvRules.ListKeys(readable, key, separator), s.KvRangeIndex(key));
                },
                keys => keys.Count == 0 && key.Length > 0 ? "" : null);
        }

        if (Has(api, "recurse"))
        {
            return api.ReadAsync(
                s => new QueryResult<List<KvEntryJson>>(
                    [.. api.Readable(s.KvList(key), (a, e) => a.Allows(AclResource.Key, AclAccess.Read, e.Key)).Select(KvEntryJson.From)],
                    s.KvRangeIndex(key)),
                entries => entries.Count == 0 ? "" : null);
        }

        if (key.Length == 0)
        {
            throw ApiException.BadRequest("Missing key name");
        }

        return Has(api, "raw") ? GetRawAsync(api, key) : api.ReadAsync(
            s =>
            {
                api.Authorize(AclResource.Key, AclAccess.Read, key);
                return new QueryResult<List<KvEntryJson>?>(s.GetKv(key) is { } e ? [KvEntryJson.From(e)] : null, s.KvIndex(key));
            },
            entries => entries is null ? "" : null);
    }

    private static async Task GetRawAsync(ApiContext api, string key)
    {
        var read = await api.QueryAsync(s =>
        {
            api.Authorize(AclResource.Key, AclAccess.Read, key);
            return new QueryResult<KvEntry?>(s.GetKv(key), s.KvIndex(key));
        });
        if (read is not { } entry)
        {
            throw ApiException.NotFound("");
        }

        // As Consul: the stored bytes as text/plain, never sniffed or run by a browser.
        var response = api.Http.Response;
        response.ContentType = "text/plain";
        response.ContentLength = entry.Value.Length;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        await response.Body.WriteAsync(entry.Value, api.Aborted);
    }

    private static async Task PutAsync(ApiContext api)
    {
        var key = Key(api);
        if (key.Length == 0)
        {
            throw ApiException.BadRequest("Missing key name");
        }

        api.Authorize(AclResource.Key, AclAccess.Write, key);
        ConflictingFlags(api, "cas", "acquire", "release");
        var flags = Has(api, "flags") ? ParseUint(api.QueryValue("flags")!) : 0;
        var (verb, cas, session) = (KvVerb.Set, 0UL, "");
        if (Has(api, "cas"))
        {
            (verb, cas) = (KvVerb.Cas, ParseUint(api.QueryValue("cas")!));
        }

        if (Has(api, "acquire"))
        {
            (verb, session) = (KvVerb.Lock, api.QueryValue("acquire")!);
        }

        if (Has(api, "release"))
        {
            (verb, session) = (KvVerb.Unlock, api.QueryValue("release")!);
        }

        var value = await ReadValueAsync(api);
        var now = api.Services.SessionClock.Now;
        var result = await api.ApplyAsync(new ApplyKv(verb, key, value, flags, cas, session, now));

        // Consul answers a plain set with true whatever happened; the other verbs with their outcome.
        await api.WriteJsonAsync(verb == KvVerb.Set || result.Value is true);
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        var key = Key(api);
        ConflictingFlags(api, "recurse", "cas");
        var (verb, cas) = (KvVerb.Delete, 0UL);
        if (Has(api, "recurse"))
        {
            verb = KvVerb.DeleteTree;
        }
        else if (key.Length == 0)
        {
            throw ApiException.BadRequest("Missing key name");
        }

        if (Has(api, "cas"))
        {
            (verb, cas) = (KvVerb.DeleteCas, ParseUint(api.QueryValue("cas")!));
        }

        if (verb == KvVerb.DeleteTree)
        {
            if (api.Authorizer is { } authorizer && !authorizer.AllowsWriteUnder(AclResource.Key, key))
            {
                throw new ParleyException(
                    ErrorCode.PermissionDenied,
                    AclAuthorizer.DeniedMessage(authorizer.AccessorId, AclResource.Key, AclAccess.Write, key));
            }
        }
        else
        {
            api.Authorize(AclResource.Key, AclAccess.Write, key);
        }

        var result = await api.ApplyAsync(new ApplyKv(verb, key, Index: cas));
        await api.WriteJsonAsync(verb != KvVerb.DeleteCas || result.Value is true);
    }

    /// <summary>The body, refused with Consul's 413 text past <see cref="KvRules.MaxValueSize"/> (declared or read).</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadValueAsync(ApiContext api)
    {
        var request = api.Http.Request;
        if (request.ContentLength > KvRules.MaxValueSize)
        {
            throw TooLarge(request.ContentLength.Value);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, api.Aborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > KvRules.MaxValueSize)
            {
                // A chunked body declares no length: refuse it once it outgrows the limit instead of buffering it all.
                throw TooLarge(buffer.Length);
            }
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge(long length)
        => new(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture,
        $"Request body({length} bytes) too large," +
            $" max size: {KvRules.MaxValueSize} bytes. See https:" +
            $"//developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size."));

    // Consul answers these with strconv's own text (as a 500); a client's typo is a 400 here.
    private static ulong ParseUint(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"strconv.ParseUint: parsing \"{text}\": invalid syntax");

    /// <summary>Consul's <c>conflictingFlags</c>: two of <paramref name="flags"/> together are a 400 naming the query.</summary>
    private static void ConflictingFlags(ApiContext api, params string[] flags)
    {
        if (flags.Count(f => Has(api, f)) < 2)
        {
            return;
        }

        // Go's url.Values.Encode: keys sorted, every value escaped.
        var encoded = new StringBuilder();
        foreach (var (name, values) in api.Http.Request.Query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                encoded.Append(encoded.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=')
                    .Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        throw ApiException.BadRequest($"Conflicting flags: {encoded}\n");
    }
}
