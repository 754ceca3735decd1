using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;
using static Parley.IntegrationTests.Acl.AclHttp;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// The peering walkthrough (../shared/reference/cluster-peering.md) between two clusters with
/// <c>default_policy = "deny"</c>, each step made with a token holding only the permission that step needs. Before
/// each write the same call without a token and with a token lacking the permission is refused with Consul's text,
/// and the management token reads back that nothing changed; the <c>?peer=</c> read is filtered as Consul filters it.
/// </summary>
public sealed class PeeringLeastPrivilegeTests : IAsyncLifetime
{
    private const string RootOne = "0b6bd3c6-5d1a-4bb0-a2f5-0a7d3f0e1c01";
    private const string RootTwo = "0b6bd3c6-5d1a-4bb0-a2f5-0a7d3f0e1c02";

    private TestAgent? _one;
    private TestAgent? _two;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The acceptor: it generates the token, exports <c>web</c> and writes the intention for the peer's caller.</summary>
    private TestAgent One => _one ?? throw new InvalidOperationException("not started");

    /// <summary>The dialer: it establishes and reads the imported service.</summary>
    private TestAgent Two => _two ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(
            StartAsync(RootOne, "dc1"),
            StartAsync(RootTwo, "dc2"));
        (_one, _two) = (started[0], started[1]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in new[] { _one, _two })
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Walkthrough_EachStepWithOnlyItsPermission_WithoutItRefusedAndNothingChanges()
    {
        // 1. Generate a token in cluster-01: peering:write.
        var generator = await CreateTokenAsync(One, RootOne, "peering-writer", "peering = \"write\"");
        var reader = await CreateTokenAsync(One, RootOne, "peering-reader", "peering = \"read\"");
        const string generate = """{"PeerName":"cluster-02"}""";
        await RefusedAsync(One, HttpMethod.Post, "/v1/peering/token", generate, reader.Accessor, reader.Secret, "peering:write");
        Assert.Empty((await One.Http.SendAsync(HttpMethod.Get, "/v1/peerings", RootOne, null, Ct)).Array());
        var peeringToken = (string)(await One.Http.SendAsync(HttpMethod.Post, "/v1/peering/token", generator.Secret, generate, Ct))
            .Object()["PeeringToken"]!;

        // 2. Establish in cluster-02: peering:write there.
        var establisher = await CreateTokenAsync(Two, RootTwo, "peering-writer", "peering = \"write\"");
        var operatorReader = await CreateTokenAsync(Two, RootTwo, "operator-reader", "operator = \"read\"");
        var establish = new JsonObject { ["PeerName"] = "cluster-01", ["PeeringToken"] = peeringToken }.ToJsonString();
        await RefusedAsync(
            Two,
            HttpMethod.Post,
            "/v1/peering/establish",
            establish,
            operatorReader.Accessor,
            operatorReader.Secret,
            "peering:write");
        Assert.Empty((await Two.Http.SendAsync(HttpMethod.Get, "/v1/peerings", RootTwo, null, Ct)).Array());
        (await Two.Http.SendAsync(HttpMethod.Post, "/v1/peering/establish", establisher.Secret, establish, Ct)).Object();
        await WaitActiveAsync(One, RootOne, "cluster-02");
        await WaitActiveAsync(Two, RootTwo, "cluster-01");

        // 3. Export web from cluster-01: the exported-services config entry needs mesh:write.
        var register = """{"Node":"node-1","Address":"127.0.0.1","Service":{"ID":"web-1","Service":"web","Port":8080}}""";
        Assert.Equal(HttpStatusCode.OK, (await One.Http.SendAsync(HttpMethod.Put, "/v1/catalog/register", RootOne, register, Ct)).Status);
        var exporter = await CreateTokenAsync(One, RootOne, "mesh-writer", "mesh = \"write\"");
        var serviceWriter = await CreateTokenAsync(One, RootOne, "service-writer", "service_prefix \"\" { policy = \"write\" }");
        const string export =
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"cluster-02"}]}]}""";
        await RefusedAsync(One, HttpMethod.Put, "/v1/config", export, serviceWriter.Accessor, serviceWriter.Secret, "mesh:write");
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await One.Http.SendAsync(HttpMethod.Get, "/v1/config/exported-services/default", RootOne, null, Ct)).Status);
        var exported = await One.Http.SendAsync(HttpMethod.Put, "/v1/config", exporter.Secret, export, Ct);
        Assert.Equal((HttpStatusCode.OK, "true"), (exported.Status, exported.Body.Trim()));

        // 4. Read the imported service's health in cluster-02 with ?peer=: service:read on web. Reads are filtered, as
        // Consul's are: without the permission the answer is empty (marked as filtered only for a token).
        var webReader = await CreateTokenAsync(Two, RootTwo, "web-reader", "service \"web\" { policy = \"read\" }");
        var otherReader = await CreateTokenAsync(Two, RootTwo, "api-reader", "service \"api\" { policy = \"read\" }");
        const string imported = "/v1/health/service/web?peer=cluster-01";
        await Eventually.TrueAsync(
            async () =>
            {
                var answer = await Two.Http.SendAsync(HttpMethod.Get, imported, webReader.Secret, null, Ct);
                return (
                    answer.Status == HttpStatusCode.OK && JsonNode.Parse(answer.Body)!.AsArray().Count == 1,
                    $"{(int)answer.Status} {answer.Body}");
            },
            Eventually.DefaultTimeout,
            "cluster-02 reads web imported from cluster-01 with service:read", Ct);
        var instance = (await Two.Http.SendAsync(HttpMethod.Get, imported, webReader.Secret, null, Ct)).Array().Single()!;
        Assert.Equal(("web", "cluster-01"), ((string)instance["Service"]!["Service"]!, (string)instance["Service"]!["PeerName"]!));
        var anonymous = await Two.Http.SendAsync(HttpMethod.Get, imported, null, null, Ct);
        Assert.Equal((HttpStatusCode.OK, "[]", false), (anonymous.Status, anonymous.Body.Trim(), anonymous.FilteredByAcls));
        var lacking = await Two.Http.SendAsync(HttpMethod.Get, imported, otherReader.Secret, null, Ct);
        Assert.Equal((HttpStatusCode.OK, "[]", true), (lacking.Status, lacking.Body.Trim(), lacking.FilteredByAcls));

        // 5. Admit the peer's caller in cluster-01: intention:write on web (service "web" { intentions = "write" }).
        var intentionWriter = await CreateTokenAsync(
            One,
            RootOne,
            "web-intentions",
            "service \"web\" { policy = \"read\" intentions = \"write\" }");
        var webWriter = await CreateTokenAsync(One, RootOne, "web-writer", "service \"web\" { policy = \"write\" }");
        const string intention =
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"allow"}]}""";
        await RefusedAsync(One, HttpMethod.Put, "/v1/config", intention, webWriter.Accessor, webWriter.Secret, "intention:write", "web");
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await One.Http.SendAsync(HttpMethod.Get, "/v1/config/service-intentions/web", RootOne, null, Ct)).Status);
        var written = await One.Http.SendAsync(HttpMethod.Put, "/v1/config", intentionWriter.Secret, intention, Ct);
        Assert.Equal((HttpStatusCode.OK, "true"), (written.Status, written.Body.Trim()));
        var source = (await One.Http.SendAsync(HttpMethod.Get, "/v1/config/service-intentions/web", RootOne, null, Ct))
            .Object()["Sources"]!.AsArray().Single()!;
        Assert.Equal(("frontend", "cluster-02", "allow"), ((string)source["Name"]!, (string)source["Peer"]!, (string)source["Action"]!));
    }

    /// <summary>
    /// The call without a token and with <paramref name="lackingSecret"/> is refused with Consul's texts for
    /// <paramref name="permission"/> (on <paramref name="name"/> when the resource has one).
    /// </summary>
    private static async Task RefusedAsync(
        TestAgent agent, HttpMethod method, string path, string body, string lackingAccessor, string lackingSecret, string permission,
            string? name = null)
    {
        var on = name is null ? "" : $" on \"{name}\"";
        var none = await agent.Http.SendAsync(method, path, null, body, Ct);
        Assert.Equal(
            (HttpStatusCode.Forbidden,
                $"Permission denied: anonymous token lacks permission '{permission}'{on}. The anonymous token is used implicitly when a " +
                    $"request does not specify a token."),
            (none.Status, none.Body));
        var lacking = await agent.Http.SendAsync(method, path, lackingSecret, body, Ct);
        Assert.Equal(
            (HttpStatusCode.Forbidden, $"Permission denied: token with AccessorID '{lackingAccessor}' lacks permission '{permission}'{on}"),
            (lacking.Status, lacking.Body));
    }

    private static async Task<TestAgent> StartAsync(string root, string datacenter)
    {
        var agent = await StartDenyingAgentAsync(root, Ct, c => c with { Datacenter = datacenter });
        // Peering tokens carry the Connect CA's roots; a user waits for a ready cluster.
        await Eventually.TrueAsync(
            async () =>
            {
                var roots = JsonNode.Parse(await agent.Http.GetStringAsync("/v1/connect/ca/roots", Ct))?["Roots"];
                return (roots is JsonArray { Count: > 0 }, roots?.ToJsonString() ?? "no roots");
            },
            Eventually.DefaultTimeout,
            "the Connect CA is initialised", Ct);
        return agent;
    }

    private static Task WaitActiveAsync(TestAgent agent, string root, string peer) =>
        Eventually.TrueAsync(
            async () =>
            {
                var answer = await agent.Http.SendAsync(HttpMethod.Get, $"/v1/peering/{peer}", root, null, Ct);
                var state = answer.Status == HttpStatusCode.OK ? (string?)JsonNode.Parse(answer.Body)!["State"] : null;
                return (state == "ACTIVE", $"{(int)answer.Status} {state ?? answer.Body}");
            },
            Eventually.DefaultTimeout,
            $"peering {peer} is ACTIVE", Ct);

    private static async Task<(string Accessor, string Secret)> CreateTokenAsync(TestAgent agent, string root, string name, string rules)
    {
        var policy = new JsonObject { ["Name"] = name, ["Rules"] = rules };
        (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", root, policy.ToJsonString(), Ct)).Object();
        var token =
            (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/token", root,
            $$"""{"Description":"{{name}}","Policies":[{"Name":"{{name}}"}]}""", Ct)).Object();
        return ((string)token["AccessorID"]!, (string)token["SecretID"]!);
    }
}
