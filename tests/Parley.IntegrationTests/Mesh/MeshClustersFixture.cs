using Parley.IntegrationTests.Peering;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// Three real clusters for the mesh identity tests: <see cref="A"/> (dc1) peered with <see cref="B"/> (dc2, called
/// <c>cluster-b</c> on A) and with <see cref="C"/> (dc3, <c>cluster-c</c> on A); B and C call A <c>cluster-a</c>.
/// </summary>
public sealed class MeshClustersFixture : IAsyncLifetime
{
    private PeeringCluster? _a;
    private PeeringCluster? _b;
    private PeeringCluster? _c;

    internal PeeringCluster A => _a ?? throw new InvalidOperationException("not started");

    internal PeeringCluster B => _b ?? throw new InvalidOperationException("not started");

    internal PeeringCluster C => _c ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var started = await Task.WhenAll(
            PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: cancellationToken),
            PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: cancellationToken),
            PeeringCluster.StartAsync(c => c with { Datacenter = "dc3" }, cancellationToken: cancellationToken));
        (_a, _b, _c) = (started[0], started[1], started[2]);
        await PeeringSteps.PeerAsync(A, "cluster-b", B, "cluster-a");
        await PeeringSteps.PeerAsync(A, "cluster-c", C, "cluster-a");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in new[] { _a, _b, _c })
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MeshClustersCollection : ICollectionFixture<MeshClustersFixture>
{
    public const string Name = "mesh clusters";
}
