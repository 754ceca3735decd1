using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Peering.Backend;
using Parley.Peering.Cleanup;
using Parley.Peering.Dialer;
using Parley.Peering.Grpc;
using Parley.Peering.Stream;
using Parley.Peering.Tracking;
using Parley.State;

namespace Parley.Peering;

/// <summary>Registers the peering subsystem. The caller registers the mesh (the Connect CA, <c>AddParleyMesh</c>) first.</summary>
public static class PeeringServiceCollectionExtensions
{
    /// <summary>
    /// Adds the peering subsystem with its <see cref="PeeringOptions"/> (set by <paramref name="configure"/>, checked by
    /// <see cref="PeeringOptionsValidator"/> when the host starts) and, unless one is registered, <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddParleyPeering(this IServiceCollection services, Action<PeeringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PeeringOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeeringOptions>, PeeringOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PeeringStreamTracker>();
        // Resolved by the agent's metrics sink when telemetry is collected; its gauges read the tracker.
        services.AddSingleton<PeeringMetrics>();
        // Followers answer peering reads with the leader's stream statuses (IReplicator.QueryLeaderAsync).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeaderQuery, PeeringStreamStatusQuery>());
        services.AddSingleton<SecretExchanger>();
        services.AddSingleton<PeeringBackend>();
        services.AddSingleton<IPeeringService>(sp => sp.GetRequiredService<PeeringBackend>());
        services.AddSingleton<PeerStreamHost>();
        services.AddHostedService<PeeringDialer>();
        services.AddHostedService<PeeringCleanup>();
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = PeerChannelFactory.MaxMessageSize;
            o.MaxSendMessageSize = PeerChannelFactory.MaxMessageSize;
        });
        return services;
    }

    /// <summary>The path prefix of the peer stream's gRPC methods (<c>/parley.peering.v1.PeerStreamService</c>).</summary>
    public static PathString PeeringGrpcPath { get; } = "/" + V1.PeerStreamService.Descriptor.FullName;

    /// <summary>Maps the peer stream gRPC service (ExchangeSecret, StreamResources).</summary>
    public static IEndpointConventionBuilder MapPeeringGrpc(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<PeerStreamGrpcService>();
}
