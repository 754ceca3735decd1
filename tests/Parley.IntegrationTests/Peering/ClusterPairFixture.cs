namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Two clusters shared by the tests of the <see cref="ClusterPairCollection"/> (they run one after another and use
/// their own peer names, so their peerings never meet).
/// </summary>
public sealed class ClusterPairFixture : IAsyncLifetime
{
    private PeeringCluster? _first;
    private PeeringCluster? _second;

    /// <summary>The cluster that generates tokens in most tests.</summary>
    internal PeeringCluster First => _first ?? throw new InvalidOperationException("not started");

    /// <summary>The cluster that establishes in most tests.</summary>
    internal PeeringCluster Second => _second ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var starting = new[]
        {
            PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: cancellationToken),
            PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: cancellationToken),
        };
        var started = await Task.WhenAll(starting);
        (_first, _second) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterPairCollection : ICollectionFixture<ClusterPairFixture>
{
    public const string Name = "peering cluster pair";
}
