using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Parley.Ui;

/// <summary>Serves the web UI at <c>/ui/</c> and sends <c>/</c> there.</summary>
public static class UiEndpoints
{
    // The UI loads only its own files and talks only to its own origin's API; nothing inline, nothing framed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps <c>GET /</c> (a redirect to <c>/ui/</c>), <c>/ui</c> and <c>/ui/{**path}</c>: a file under
    /// <c>wwwroot</c> when one exists, <c>index.html</c> for any other path without an extension (the UI's
    /// client-side routes, such as <c>/ui/peers/cluster-02</c>), and 404 for a missing file.
    /// </summary>
    public static IEndpointRouteBuilder MapParleyUi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var assets = UiAssets.Instance;

        // 302, not Consul's 301: a browser caches a permanent redirect, which outlives an agent restarted with the UI off.
        endpoints.MapMethods("/", ReadMethods, context => RedirectToUi(context));
        endpoints.MapMethods("/ui/{**path}", ReadMethods, context =>
        {
            // Routing ignores a trailing slash, so this pattern also takes "/ui"; relative URLs need the slash.
            if (!context.Request.Path.Value!.StartsWith("/ui/", StringComparison.Ordinal))
            {
                return RedirectToUi(context);
            }

            var path = context.Request.RouteValues["path"] as string ?? "";
            var asset = Resolve(assets, path);
            return asset is null ? NotFoundAsync(context) : WriteAsync(context, asset);
        });
        return endpoints;
    }

    /// <summary>The file answering <paramref name="path"/>: the asset itself, the page for a client route, or null.</summary>
    internal static UiAsset? Resolve(UiAssets assets, string path)
    {
        if (path.Length == 0)
        {
            return assets.Index;
        }

        if (assets.Find(path) is { } asset)
        {
            return asset;
        }

        // A missing script or stylesheet must not come back as HTML: the browser would report a MIME error far from the cause.
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        return path.StartsWith("assets/", StringComparison.Ordinal) || lastSegment.Contains('.', StringComparison.Ordinal)
            ? null
            : assets.Index;
    }

    private static Task RedirectToUi(HttpContext context)
    {
        context.Response.Redirect("/ui/" + context.Request.QueryString);
        return Task.CompletedTask;
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Not found\n", context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, UiAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;

        // No fingerprinted names without a build step, so every load revalidates; the ETag keeps that to a 304.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
        }

        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted);
    }
}
