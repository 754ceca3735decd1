using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Proxy.Hosting;

/// <summary>
/// One listening socket served by its own Kestrel server: the proxy's public listener and each upstream listener.
/// Each has its own so that listeners come and go with the configuration without disturbing the others (Kestrel
/// cannot add or remove endpoints of a running server).
/// </summary>
/// <remarks>
/// The <c>configureEndpoint</c> callback installs the connection middleware (TLS, L4 piping); <c>app</c> handles the
/// requests of connections that reach HTTP. Kestrel's limits that a proxy must not impose are lifted: no request
/// body size limit, no server header.
/// </remarks>
internal sealed class KestrelListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelListener(WebApplication app, IPEndPoint endpoint, string name)
    {
        _app = app;
        Endpoint = endpoint;
        Name = name;
    }

    /// <summary>Where the listener is bound (the real port when 0 was asked for).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The listener's name in logs.</summary>
    public string Name { get; }

    /// <summary>Binds and starts serving.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public static async Task<KestrelListener> StartAsync(
        string name,
        IPEndPoint endpoint,
        Action<ListenOptions> configureEndpoint,
        RequestDelegate app,
        DataPlaneServices services,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(configureEndpoint);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        // No appsettings.json watcher: the default one watched the working directory recursively (one inotify watch per
        // folder under wherever the proxy was started), though the sources are cleared just below.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "Parley.Proxy",
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Nothing from the environment or appsettings may change what a proxy listener does (ASPNETCORE_URLS, ...).
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.LoggerFactory);
        if (services.Options.InlineScheduling)
        {
            // The connection code runs where the socket completes (on the runtime's event thread in a proxy process, see
            // DataPlaneOptions.PrepareProcess): no hand-off to another thread between a receive and the code that reads it.
            // The handlers never block; a receive goes straight to a buffer rather than waiting for data first.
            builder.WebHost.UseSockets(sockets =>
            {
                sockets.UnsafePreferInlineScheduling = true;
                sockets.WaitForDataBeforeAllocatingBuffer = false;
            });
        }

        builder.WebHost.UseKestrel(options =>
        {
            options.AddServerHeader = false;

            // A cleartext listener that sniffed HTTP/2 looks like TLS to Kestrel; :scheme http must still be accepted.
            options.AllowAlternateSchemes = true;
            options.Limits.MaxRequestBodySize = null;
            options.Limits.MaxRequestHeadersTotalSize = Forwarding.Http1.Http1Limits.MaxHeadersTotal;
            options.Listen(endpoint, configureEndpoint);
        });
        var web = builder.Build();
        web.Run(app);
        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new KestrelListener(web, BoundEndpoint(web, endpoint), name);
    }

    /// <summary>Stops accepting, gives open requests up to <paramref name="drain"/> to finish, then closes what is left.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        using var timeout = new CancellationTokenSource(drain);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Whatever did not finish in time is aborted by disposal.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IPEndPoint BoundEndpoint(WebApplication app, IPEndPoint asked)
    {
        if (asked.Port != 0)
        {
            return asked;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? new IPEndPoint(asked.Address, uri.Port)
            : asked;
    }
}
