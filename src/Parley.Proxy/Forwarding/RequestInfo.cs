using Microsoft.AspNetCore.Http;
using Parley.Core.Intentions;

namespace Parley.Proxy.Forwarding;

/// <summary>The view of an ASP.NET request that Core's route and permission matchers take.</summary>
internal static class RequestInfo
{
    /// <summary>Method, path with query string, and the headers (not copied).</summary>
    public static HttpRequestInfo From(HttpRequest request) => new()
    {
        Method = request.Method,
        Path = request.QueryString.HasValue ? request.Path.Value + request.QueryString.Value : request.Path.Value ?? "/",
        Headers = new HeaderView(request.Headers),
    };
}
