using System.Text.Json.Nodes;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.ConfigEntries.Schema;

/// <summary>Consul's <c>Normalize()</c> defaults of the described kinds, applied to a copy of the body.</summary>
internal static class SchemaNormalizers
{
    private const string ApiGatewayKind = "api-gateway";

    /// <summary>A listener without a protocol is <c>tcp</c>; protocols are lower-cased.</summary>
    public static void IngressGateway(JsonObject body)
    {
        foreach (var listener in Objects(body, "Listeners"))
        {
            var protocol = Str(listener, "Protocol");
            listener["Protocol"] = protocol.Length == 0 ? "tcp" : protocol.ToLowerInvariant();
        }
    }

    /// <summary>Protocols lower-cased; a certificate reference without a kind is an <c>inline-certificate</c>.</summary>
    public static void ApiGateway(JsonObject body)
    {
        foreach (var listener in Objects(body, "Listeners"))
        {
            if (Str(listener, "Protocol") is { Length: > 0 } protocol)
            {
                listener["Protocol"] = protocol.ToLowerInvariant();
            }

            foreach (var certificate in Objects(Obj(listener, "TLS"), "Certificates"))
            {
                DefaultString(certificate, "Kind", "inline-certificate");
            }
        }
    }

    /// <summary>Parents default to api-gateway; methods upper-cased; no path match means prefix <c>/</c>; weights at least 1.</summary>
    public static void HttpRoute(JsonObject body)
    {
        DefaultParents(body);
        foreach (var rule in Objects(body, "Rules"))
        {
            foreach (var match in Objects(rule, "Matches"))
            {
                if (Str(match, "Method") is { Length: > 0 } method)
                {
                    match["Method"] = method.ToUpperInvariant();
                }

                if (Str(Obj(match, "Path"), "Match").Length == 0)
                {
                    match["Path"] = new JsonObject { ["Match"] = "prefix", ["Value"] = "/" };
                }
            }

            foreach (var service in Objects(rule, "Services"))
            {
                if (Long(service, "Weight") <= 0)
                {
                    service["Weight"] = 1L;
                }
            }
        }
    }

    /// <summary>Parents default to api-gateway.</summary>
    public static void TcpRoute(JsonObject body) => DefaultParents(body);

    /// <summary>Clock skew defaults to 30 seconds.</summary>
    public static void JwtProvider(JsonObject body)
    {
        if (Long(body, "ClockSkewSeconds") == 0)
        {
            body["ClockSkewSeconds"] = 30L;
        }
    }

    private static void DefaultParents(JsonObject body)
    {
        foreach (var parent in Objects(body, "Parents"))
        {
            DefaultString(parent, "Kind", ApiGatewayKind);
        }
    }

    private static void DefaultString(JsonObject obj, string name, string value)
    {
        if (Str(obj, name).Length == 0)
        {
            obj[name] = value;
        }
    }
}
