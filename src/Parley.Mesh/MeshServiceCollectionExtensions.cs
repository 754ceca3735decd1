using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Mesh.Ca;
using Parley.Mesh.Leaf;
using Parley.State.Store;

namespace Parley.Mesh;

/// <summary>Registers the mesh subsystem. The caller registers <see cref="ConnectCaOptions"/> first.</summary>
public static class MeshServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Connect CA (<see cref="ConnectCa"/>), the leader routine that creates its first root, and the agent's
    /// leaf certificates (<see cref="LeafCertificateManager"/>, options <see cref="LeafCertificateOptions"/> unless registered).
    /// </summary>
    public static IServiceCollection AddParleyMesh(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectCa(
            sp.GetRequiredService<StateStore>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ConnectCaOptions>().Datacenter));
        services.AddHostedService<ConnectCaInitializer>();
        services.TryAddSingleton(new ConnectCaPrunerOptions());
        services.AddHostedService<ConnectCaPruner>();
        services.TryAddSingleton(new LeafCertificateOptions());
        services.AddSingleton<LeafCertificateManager>();
        services.AddHostedService(sp => sp.GetRequiredService<LeafCertificateManager>());
        return services;
    }
}
