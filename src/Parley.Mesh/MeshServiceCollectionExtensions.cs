using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Mesh.Ca;
using Parley.Mesh.Leaf;
using Parley.State.Store;

namespace Parley.Mesh;

/// <summary>Registers the mesh subsystem.</summary>
public static class MeshServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Connect CA (<see cref="ConnectCa"/>) with its <see cref="ConnectCaOptions"/> (set by <paramref name="configure"/>,
    /// checked by <see cref="ConnectCaOptionsValidator"/> when the host starts), the leader routine that creates its first root,
    /// and the agent's leaf certificates (<see cref="LeafCertificateManager"/>, options <see cref="LeafCertificateOptions"/>
    /// unless registered).
    /// </summary>
    public static IServiceCollection AddParleyMesh(this IServiceCollection services, Action<ConnectCaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ConnectCaOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectCaOptions>, ConnectCaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectCa(
            sp.GetRequiredService<StateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ConnectCaOptions>>().Value.Datacenter));
        services.AddHostedService<ConnectCaInitializer>();
        services.TryAddSingleton(new ConnectCaPrunerOptions());
        services.AddHostedService<ConnectCaPruner>();
        services.TryAddSingleton(new LeafCertificateOptions());
        services.AddSingleton<LeafCertificateManager>();
        services.AddHostedService(sp => sp.GetRequiredService<LeafCertificateManager>());
        return services;
    }
}
