using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// Blocking reads answer for the token as it is when they answer: a token deleted while a read waits ends that read
/// with <c>403 ACL not found</c> at once, and a policy narrowed while it waits filters the answer it gives.
/// </summary>
public sealed class AclBlockingTests : IAsyncLifetime
{
    private const string Root = "0d6c1c4e-8a38-4f5e-b1c7-2b1a9e5f7a10";

    private TestAgent _agent = null!;
    private bool _lastFiltered;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync()
    {
        _agent = await AclHttp.StartDenyingAgentAsync(Root, Ct);

        var register = await Http.SendAsync(HttpMethod.Put, "/v1/catalog/register", Root,
            """{"Node":"bn","Address":"10.1.1.1","Service":{"Service":"bsvc","Port":80}}""", Ct);
        Assert.Equal(HttpStatusCode.OK, register.Status);
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task TokenDeletedWhileWaiting_TheWaitingReadAnswersAclNotFound()
    {
        var (_, accessor, secret) = await TokenAsync();
        var (first, index, _) = await ReadAsync(secret, null);
        Assert.Single(JsonNode.Parse(first)!.AsArray());

        // Five minutes: only the deletion can end this wait before the client's 30 s timeout.
        var waiting = ReadAsync(secret, $"?index={index}&wait=5m");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(HttpMethod.Delete, $"/v1/acl/token/{accessor}", Root, null, Ct)).Status);

        var (body, _, status) = await waiting.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "ACL not found"), (status, body));
    }

    [Fact]
    public async Task PolicyNarrowedWhileWaiting_TheNextAnswerLeavesTheServiceOut()
    {
        var (policyId, _, secret) = await TokenAsync();
        var (_, index, _) = await ReadAsync(secret, null);

        var waiting = ReadAsync(secret, $"?index={index}&wait=2s");
        var narrowed = new JsonObject { ["Name"] = "bsvc-reader", ["Rules"] = "node \"bn\" { policy = \"read\" }" };
        Assert.Equal(
            HttpStatusCode.OK,
            (await Http.SendAsync(HttpMethod.Put, $"/v1/acl/policy/{policyId}", Root, narrowed.ToJsonString(), Ct)).Status);

        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(JsonNode.Parse(answer.Body)!.AsArray());
        Assert.True(_lastFiltered, "the narrowed answer carries X-Consul-Results-Filtered-By-ACLs: true");
    }

    private async Task<(string PolicyId, string Accessor, string Secret)> TokenAsync()
    {
        var policy =
            new JsonObject
            {
                ["Name"] = "bsvc-reader",
                ["Rules"] = "service \"bsvc\" { policy = \"read\" }\nnode \"bn\" { policy = \"read\" }"
            };
        var created = JsonNode.Parse((await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", Root, policy.ToJsonString(), Ct)).Body)!;
        var token =
            JsonNode.Parse((await Http.SendAsync(HttpMethod.Put, "/v1/acl/token", Root, """{"Policies":[{"Name":"bsvc-reader"}]}""", Ct))
            .Body)!;
        return ((string)created["ID"]!, (string)token["AccessorID"]!, (string)token["SecretID"]!);
    }

    private async Task<(string Body, string Index, HttpStatusCode Status)> ReadAsync(string secret, string? query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/health/service/bsvc" + query);
        request.Headers.Add("X-Consul-Token", secret);
        using var response = await Http.SendAsync(request, Ct);
        _lastFiltered = response.Headers.TryGetValues("X-Consul-Results-Filtered-By-ACLs", out var values) && values.Contains("true");
        var index = response.Headers.TryGetValues("X-Consul-Index", out var indexes) ? indexes.First() : "";
        return (await response.Content.ReadAsStringAsync(Ct), index, response.StatusCode);
    }
}
