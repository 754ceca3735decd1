using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;
using static Parley.IntegrationTests.Acl.AclHttp;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// A real agent with <c>acl { enabled = true, default_policy = "deny" }</c>, driven over its HTTP API: bootstrap once,
/// policies and tokens, and peering and config writes refused with Consul's texts (and nothing written) unless the
/// token holds the permission.
/// </summary>
public sealed class AclApiTests : IAsyncLifetime
{
    private const string Anonymous =
        "Permission denied: anonymous token lacks permission 'peering:" +
            "write'. The anonymous token is used implicitly when a request does not specify a token.";

    private TestAgent _agent = null!;
    private string _root = "";
    private long _bootstrapIndex;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(c => c with { AclsEnabled = true, AclDefaultPolicy = "deny" }, cancellationToken: Ct);
        var bootstrap = (await Http.SendAsync(HttpMethod.Put, "/v1/acl/bootstrap", null, null, Ct)).Object();
        _root = (string)bootstrap["SecretID"]!;
        _bootstrapIndex = (long)bootstrap["CreateIndex"]!;
        Assert.Equal("global-management", (string)bootstrap["Policies"]![0]!["Name"]!);
        Assert.Equal("00000000-0000-0000-0000-000000000001", (string)bootstrap["Policies"]![0]!["ID"]!);
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Bootstrap_Again_ConsulsRefusalWithTheResetIndex()
    {
        var again = await Http.SendAsync(HttpMethod.Put, "/v1/acl/bootstrap", null, null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, again.Status);
        Assert.Equal($"Permission denied: ACL bootstrap no longer allowed (reset index: {_bootstrapIndex})", again.Body);
    }

    [Fact]
    public async Task PeeringToken_RefusedWithoutThePermission_AllowedWithIt_NothingWrittenOnRefusal()
    {
        const string body = """{"PeerName":"cluster-02"}""";
        var reader = await CreateTokenAsync("peering-reader", "peering = \"read\"");
        var writer = await CreateTokenAsync("peering-writer", "peering = \"write\"");

        var none = await Http.SendAsync(HttpMethod.Post, "/v1/peering/token", null, body, Ct);
        Assert.Equal((HttpStatusCode.Forbidden, Anonymous), (none.Status, none.Body));

        var lacking = await Http.SendAsync(HttpMethod.Post, "/v1/peering/token", reader.Secret, body, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, lacking.Status);
        Assert.Equal($"Permission denied: token with AccessorID '{reader.Accessor}' lacks permission 'peering:write'", lacking.Body);
        Assert.Empty((await Http.SendAsync(HttpMethod.Get, "/v1/peerings", reader.Secret, null, Ct)).Array());

        var allowed = await Http.SendAsync(HttpMethod.Post, "/v1/peering/token", writer.Secret, body, Ct, Via.Bearer);
        Assert.False(string.IsNullOrEmpty((string?)allowed.Object()["PeeringToken"]));
        var peerings = await Http.SendAsync(HttpMethod.Get, "/v1/peerings", reader.Secret, null, Ct, Via.Query);
        Assert.Equal("cluster-02", (string)peerings.Array().Single()!["Name"]!);

        var listWithoutToken = await Http.SendAsync(HttpMethod.Get, "/v1/peerings", null, null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, listWithoutToken.Status);
        Assert.Contains("lacks permission 'peering:read'", listWithoutToken.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSecret_AclNotFound()
    {
        var answer = await Http.SendAsync(HttpMethod.Get, "/v1/peerings", Guid.NewGuid().ToString(), null, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, "ACL not found"), (answer.Status, answer.Body));
    }

    [Fact]
    public async Task DeletedToken_LosesAccessOnTheNextRequest()
    {
        var token = await CreateTokenAsync("op", "operator = \"read\"");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(HttpMethod.Get, "/v1/peerings", token.Secret, null, Ct)).Status);

        var deleted = await Http.SendAsync(HttpMethod.Delete, $"/v1/acl/token/{token.Accessor}", _root, null, Ct);
        Assert.Equal("true", deleted.Body);

        var after = await Http.SendAsync(HttpMethod.Get, "/v1/peerings", token.Secret, null, Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "ACL not found"), (after.Status, after.Body));
    }

    [Fact]
    public async Task TokenSelf_ReadsTheRequestsToken()
    {
        var token = await CreateTokenAsync("nothing", "node_prefix \"\" { policy = \"read\" }");

        var self = (await Http.SendAsync(HttpMethod.Get, "/v1/acl/token/self", token.Secret, null, Ct, Via.Bearer)).Object();

        Assert.Equal(token.Accessor, (string)self["AccessorID"]!);
        Assert.Equal("nothing", (string)self["Policies"]![0]!["Name"]!);
        Assert.False((bool)self["Local"]!);
        Assert.False(string.IsNullOrEmpty((string?)self["Hash"]));
        var read = await Http.SendAsync(HttpMethod.Get, $"/v1/acl/token/{token.Accessor}", token.Secret, null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Contains("lacks permission 'acl:read'", read.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_InvalidRules_RefusedWithPositionAndReason_NothingWritten()
    {
        var answer = await Http.SendAsync(
            HttpMethod.Put, "/v1/acl/policy", _root, """{"Name":"bad","Rules":"service \"web\" {\n  policy = \"maybe\"\n}"}""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Invalid service policy: 1:9: service \"web\": policy \"maybe\" must be \"read\", \"write\" or \"deny\"", answer.Body);
        var byName = await Http.SendAsync(HttpMethod.Get, "/v1/acl/policy/name/bad", _root, null, Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "ACL not found"), (byName.Status, byName.Body));
    }

    [Fact]
    public async Task IntentionsWrite_NeedsIntentionWriteOnTheDestination()
    {
        const string entry = """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Action":"allow"}]}""";
        var reader = await CreateTokenAsync("svc-read", "service_prefix \"\" { policy = \"write\" }");
        var owner = await CreateTokenAsync("backend-intentions", "service \"backend\" {\n policy = \"read\"\n intentions = \"write\"\n}");

        var refused = await Http.SendAsync(HttpMethod.Put, "/v1/config", reader.Secret, entry, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(
            $"Permission denied: token with AccessorID '{reader.Accessor}' lacks permission 'intention:write' on \"backend\"",
            refused.Body);

        var written = await Http.SendAsync(HttpMethod.Put, "/v1/config", owner.Secret, entry, Ct);
        Assert.Equal((HttpStatusCode.OK, "true"), (written.Status, written.Body));
    }

    [Fact]
    public async Task Lists_ShowTheBuiltInsAndWhatWasCreated()
    {
        var token = await CreateTokenAsync("lister", "acl = \"read\"");

        var policies = (await Http.SendAsync(HttpMethod.Get, "/v1/acl/policies", token.Secret, null, Ct)).Array();
        var tokens = (await Http.SendAsync(HttpMethod.Get, "/v1/acl/tokens", token.Secret, null, Ct)).Array();

        Assert.Contains(policies, p => (string)p!["Name"]! == "global-management");
        Assert.All(policies, p => Assert.Null(p!["Rules"]));
        Assert.Contains(tokens, t => (string)t!["AccessorID"]! == "00000000-0000-0000-0000-000000000002");
        Assert.Contains(tokens, t => (string)t!["AccessorID"]! == token.Accessor);
        var create = await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", token.Secret, """{"Name":"x"}""", Ct);
        Assert.Contains("lacks permission 'acl:write'", create.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_AndServiceIdentities_GrantThroughTheToken()
    {
        (await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", _root, """{"Name":"ops","Rules":"operator = \"read\""}""", Ct)).Object();
        var role = (await Http.SendAsync(HttpMethod.Put, "/v1/acl/role", _root, """{"Name":"operators","Policies":[{"Name":"ops"}]}""", Ct))
            .Object();
        Assert.Equal("ops", (string)role["Policies"]![0]!["Name"]!);
        var token = (await Http.SendAsync(
            HttpMethod.Put,
            "/v1/acl/token",
            _root,
            """{"Roles":[{"Name":"operators"}],"ServiceIdentities":[{"ServiceName":"backend"}],"ExpirationTTL":"1h"}""",
            Ct)).Object();
        var secret = (string)token["SecretID"]!;
        Assert.Equal(3_600_000_000_000, (long)token["ExpirationTTL"]!);
        Assert.NotNull(token["ExpirationTime"]);

        // operator:read through the role reads peerings; the service identity writes backend's config, not another's.
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(HttpMethod.Get, "/v1/peerings", secret, null, Ct)).Status);
        var own = await Http.SendAsync(
            HttpMethod.Put,
            "/v1/config",
            secret,
            """{"Kind":"service-defaults","Name":"backend","Protocol":"http"}""",
            Ct);
        Assert.Equal((HttpStatusCode.OK, "true"), (own.Status, own.Body));
        var other = await Http.SendAsync(
            HttpMethod.Put,
            "/v1/config",
            secret,
            """{"Kind":"service-defaults","Name":"billing","Protocol":"http"}""",
            Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Contains("lacks permission 'service:write' on \"billing\"", other.Body, StringComparison.Ordinal);

        // Deleting the role takes its policy away on the next request.
        Assert.Equal("true", (await Http.SendAsync(HttpMethod.Delete, $"/v1/acl/role/{(string)role["ID"]!}", _root, null, Ct)).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.SendAsync(HttpMethod.Get, "/v1/peerings", secret, null, Ct)).Status);
    }

    [Fact]
    public async Task TokenCreate_UnknownPolicy_RefusedWithConsulsText()
    {
        var answer = await Http.SendAsync(HttpMethod.Put, "/v1/acl/token", _root, """{"Policies":[{"Name":"nope"}]}""", Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "No such ACL policy with name \"nope\""), (answer.Status, answer.Body));
    }

    private async Task<(string Accessor, string Secret)> CreateTokenAsync(string policyName, string rules)
    {
        var policy = new JsonObject { ["Name"] = policyName, ["Rules"] = rules };
        (await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", _root, policy.ToJsonString(), Ct)).Object();
        var token =
            (await Http.SendAsync(HttpMethod.Put, "/v1/acl/token", _root,
            $$"""{"Description":"{{policyName}}","Policies":[{"Name":"{{policyName}}"}]}""", Ct)).Object();
        return ((string)token["AccessorID"]!, (string)token["SecretID"]!);
    }
}
