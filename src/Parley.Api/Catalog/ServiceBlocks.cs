using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Http;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;

namespace Parley.Api.Catalog;

/// <summary>
/// Decodes the <c>Proxy</c> and <c>Connect</c> blocks of a service registration (catalog or agent) with Consul's weak decode.
/// </summary>
internal static class ServiceBlocks
{
    private static readonly ConnectProxyConfig NoProxy = new();

    /// <summary>
    /// The typed blocks, each null when absent or empty (so that re-registering what a read returned, which always
    /// carries both blocks, changes nothing), and the nested <c>SidecarService</c> of the Connect block, if any.
    /// </summary>
    /// <exception cref="ApiException">400 when a block is not an object or a field has the wrong type.</exception>
    public static (ConnectProxyConfig? Proxy, ServiceConnect? Connect, JsonObject? Sidecar) Decode(JsonElement? proxy, JsonElement? connect)
    {
        try
        {
            var p = Object(proxy, "Proxy") is { } rawProxy ? ConnectCodec.DecodeProxy(rawProxy) : null;
            JsonObject? sidecar = null;
            var c = Object(connect, "Connect") is { } rawConnect ? ConnectCodec.DecodeConnect(rawConnect, out sidecar) : null;
            return (p is null || ConnectCodec.Same(p, NoProxy) ? null : p, c is null || c.IsEmpty ? null : c, sidecar);
        }
        catch (ConfigEntryDecodeException e)
        {
            throw ApiException.BadRequest("Request decode failed: " + e.Message);
        }
    }

    private static JsonObject? Object(JsonElement? element, string name) => element switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } e => JsonObject.Create(e),
        _ => throw ApiException.BadRequest($"Request decode failed: {name} must be an object"),
    };
}
