using System.Net;
using Parley.Testing;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>Starts agents for UI tests: each a one-server cluster with its own datacenter name.</summary>
public static class Clusters
{
    public static Task<TestAgent> StartAsync(string datacenter, CancellationToken cancellationToken) =>
        TestAgent.StartAsync(c => c with { Datacenter = datacenter, NodeName = datacenter + "-server" }, cancellationToken: cancellationToken);

    /// <summary>
    /// Starts a cluster with <c>acl { enabled = true, default_policy = "deny" }</c> and <paramref name="management"/> as its
    /// initial management token, and waits until the leader has written that token.
    /// </summary>
    public static async Task<TestAgent> StartDenyingAsync(string datacenter, string management, CancellationToken cancellationToken)
    {
        var agent = await TestAgent.StartAsync(
            c => c with
            {
                Datacenter = datacenter,
                NodeName = datacenter + "-server",
                AclsEnabled = true,
                AclDefaultPolicy = "deny",
                AclTokens = new() { InitialManagement = management },
            },
            cancellationToken: cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/acl/token/self");
            request.Headers.Add("X-Consul-Token", management);
            using var response = await agent.Http.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return agent;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
