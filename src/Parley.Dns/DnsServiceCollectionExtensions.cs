using Microsoft.Extensions.DependencyInjection;

namespace Parley.Dns;

/// <summary>Registers the DNS interface.</summary>
public static class DnsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="options"/> and the listener that answers on <see cref="DnsOptions.Endpoint"/> (none when it is
    /// null). The caller registers the <see cref="IDnsAcl"/> the answers are filtered by.
    /// </summary>
    public static IServiceCollection AddParleyDns(this IServiceCollection services, DnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddHostedService<DnsListener>();
        return services;
    }
}
