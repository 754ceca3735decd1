using Parley.Testing;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>Starts agents for UI tests: each a one-server cluster with its own datacenter name.</summary>
public static class Clusters
{
    public static Task<TestAgent> StartAsync(string datacenter, CancellationToken cancellationToken) =>
        TestAgent.StartAsync(c => c with
        {
            Datacenter = datacenter,
            NodeName = datacenter + "-server",
        }, cancellationToken: cancellationToken);

    /// <summary>
    /// Starts a cluster with <c>acl { enabled = true, default_policy = "deny" }</c> and <paramref name="management"/> as its
    /// initial management token, and waits until the leader has written that token.
    /// </summary>
    public static Task<TestAgent> StartDenyingAsync(string datacenter, string management, CancellationToken cancellationToken) =>
        TestAgent.StartDenyingAsync(management, c => c with
        {
            Datacenter = datacenter,
            NodeName = datacenter + "-server",
        }, cancellationToken);
}
