using Parley.Testing;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>Starts agents for UI tests: each a one-server cluster with its own datacenter name.</summary>
public static class Clusters
{
    public static Task<TestAgent> StartAsync(string datacenter, CancellationToken cancellationToken) =>
        TestAgent.StartAsync(c => c with { Datacenter = datacenter, NodeName = datacenter + "-server" }, cancellationToken: cancellationToken);
}
