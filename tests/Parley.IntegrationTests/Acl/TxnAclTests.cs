using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// <c>PUT /v1/txn</c> with <c>default_policy = "deny"</c>: each op needs what Consul's Txn preCheck asks (a refused op is
/// one of the 409's errors and nothing of the transaction is written); get results leave out rows the token may not read.
/// </summary>
public sealed class TxnAclTests : IAsyncLifetime
{
    private const string Root = "5f0c1e7a-3b7e-4f4e-9a43-1c0d7e2a9b01";

    private TestAgent? _agent;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => (_agent ?? throw new InvalidOperationException("not started")).Http;

    public async ValueTask InitializeAsync() => _agent = await AclHttp.StartDenyingAgentAsync(Root, Ct);

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task Txn_OneDeniedOp_IsThatOpsErrorAndNothingIsWritten()
    {
        var (accessor, secret) = await CreateTokenAsync("txn-writer", """
            node_prefix "tx-" { policy = "write" }
            service "web" { policy = "write" }
            key_prefix "tx/" { policy = "write" }
            """);
        var ops = """
            [{"KV":{"Verb":"set","Key":"tx/a","Value":"MQ=="}},
             {"Node":{"Verb":"set","Node":{"Node":"tx-n1","Address":"10.9.1.1"}}},
             {"Service":{"Verb":"set","Node":"tx-n1","Service":{"ID":"web-1","Service":"web"}}},
             {"Service":{"Verb":"set","Node":"tx-n1","Service":{"ID":"db-1","Service":"db"}}},
             {"Check":{"Verb":"set","Check":{"Node":"tx-n1","CheckID":"web-alive","Name":"alive","ServiceID":"web-1"}}},
             {"Check":{"Verb":"set","Check":{"Node":"other","CheckID":"disk","Name":"disk"}}}]
            """;

        var denied = await Http.SendAsync(HttpMethod.Put, "/v1/txn", secret, ops, Ct);

        Assert.Equal(HttpStatusCode.Conflict, denied.Status);
        var errors = JsonNode.Parse(denied.Body)!["Errors"]!.AsArray();
        Assert.Equal([3, 5], errors.Select(e => (int)e!["OpIndex"]!));
        Assert.Equal(
            $"Permission denied: token with AccessorID '{accessor}' lacks permission 'service:write' on \"db\"",
            (string?)errors[0]!["What"]);
        Assert.Equal(
            $"Permission denied: token with AccessorID '{accessor}' lacks permission 'node:write' on \"other\"",
            (string?)errors[1]!["What"]);
        Assert.Equal("null", (await Http.SendAsync(HttpMethod.Get, "/v1/catalog/node/tx-n1", Root, null, Ct)).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.SendAsync(HttpMethod.Get, "/v1/kv/tx/a", Root, null, Ct)).Status);

        // Without the refused ops the same token commits the rest, the check judged by the service set before it.
        var allowed = JsonNode.Parse(ops)!.AsArray();
        allowed.RemoveAt(5);
        allowed.RemoveAt(3);
        var committed = await Http.SendAsync(HttpMethod.Put, "/v1/txn", secret, allowed.ToJsonString(), Ct);
        Assert.Equal(4, committed.Object()["Results"]!.AsArray().Count);
        Assert.Single((await Http.SendAsync(HttpMethod.Get, "/v1/health/service/web", Root, null, Ct)).Array());
    }

    [Fact]
    public async Task Txn_Gets_LeaveOutRowsTheTokenMayNotRead()
    {
        (await Http.SendAsync(HttpMethod.Put, "/v1/txn", Root, """
            [{"Node":{"Verb":"set","Node":{"Node":"tx-n2","Address":"10.9.1.2"}}},
             {"Service":{"Verb":"set","Node":"tx-n2","Service":{"ID":"web-2","Service":"web"}}}]
            """, Ct)).Object();
        var (_, reader) = await CreateTokenAsync("txn-reader", """service "web" { policy = "read" }""");

        var read = await Http.SendAsync(HttpMethod.Put, "/v1/txn", reader, """
            [{"Node":{"Verb":"get","Node":{"Node":"tx-n2"}}},{"Service":{"Verb":"get","Node":"tx-n2","Service":{"ID":"web-2"}}}]
            """, Ct);

        var result = Assert.Single(read.Object()["Results"]!.AsArray())!;
        Assert.Equal("web-2", (string?)result["Service"]!["ID"]);
        Assert.True(read.FilteredByAcls);
    }

    private async Task<(string Accessor, string Secret)> CreateTokenAsync(string name, string rules)
    {
        var policy = new JsonObject { ["Name"] = name, ["Rules"] = rules };
        (await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", Root, policy.ToJsonString(), Ct)).Object();
        var token =
            (await Http.SendAsync(HttpMethod.Put, "/v1/acl/token", Root,
            $$"""{"Description":"{{name}}","Policies":[{"Name":"{{name}}"}]}""", Ct)).Object();
        return ((string)token["AccessorID"]!, (string)token["SecretID"]!);
    }
}
