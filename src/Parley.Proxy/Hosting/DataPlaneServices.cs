using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Hosting;

/// <summary>
/// What every listener of one proxy process shares: YARP's forwarder, the clock, and the loggers.
/// </summary>
/// <remarks>Thread-safe; disposing releases the forwarder's container.</remarks>
public sealed class DataPlaneServices : IDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>
    /// Builds the forwarder with the given logging, clock and options (<see cref="DataPlaneOptions"/>' defaults when null).
    /// </summary>
    public DataPlaneServices(ILoggerFactory loggerFactory, TimeProvider timeProvider, DataPlaneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        Options = options ?? new DataPlaneOptions();
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(timeProvider);
        services.AddHttpForwarder();
        _services = services.BuildServiceProvider();
        Forwarder = _services.GetRequiredService<IHttpForwarder>();
    }

    /// <summary>YARP's forwarder.</summary>
    public IHttpForwarder Forwarder { get; }

    /// <summary>How the listeners serve traffic.</summary>
    public DataPlaneOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    public void Dispose() => _services.Dispose();
}
