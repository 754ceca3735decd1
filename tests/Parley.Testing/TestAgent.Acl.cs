using System.Net;
using Parley.Agent.Configuration;

namespace Parley.Testing;

public sealed partial class TestAgent
{
    /// <summary>
    /// Starts an agent with <c>acl { enabled = true, default_policy = "deny" }</c> and <paramref name="management"/> as its
    /// initial management token, and waits until the leader has written that token (a user's first call would fail
    /// before). <paramref name="configure"/> runs after the ACL settings, so it may add to them.
    /// </summary>
    public static async Task<TestAgent> StartDenyingAsync(
        string management, Func<AgentConfig, AgentConfig>? configure = null, CancellationToken cancellationToken = default)
    {
        var agent = await StartAsync(
            c =>
            {
                var denying = c with
                {
                    AclsEnabled = true,
                    AclDefaultPolicy = "deny",
                    AclTokens = new() { InitialManagement = management },
                };
                return configure?.Invoke(denying) ?? denying;
            },
            cancellationToken: cancellationToken);
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/acl/token/self");
                    request.Headers.Add("X-Consul-Token", management);
                    using var response = await agent.Http.SendAsync(request, cancellationToken);
                    return response.StatusCode == HttpStatusCode.OK;
                },
                TimeSpan.FromSeconds(20),
                "the initial management token is accepted",
                cancellationToken);
            return agent;
        }
        catch
        {
            // Never leave a started agent behind a failed start.
            await agent.DisposeAsync();
            throw;
        }
    }
}
