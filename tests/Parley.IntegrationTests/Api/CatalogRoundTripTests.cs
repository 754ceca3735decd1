using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Api;

/// <summary>
/// An accepted write always reads back: catalog registrations (checks with definitions in the shapes Consul's clients
/// send) are read by every read endpoint and can be registered again from what was read; refused ones write nothing.
/// </summary>
public sealed class CatalogRoundTripTests : OneAgentTests
{
    private const int Cases = 60;

    // Durations as clients send them: Go text (HashiCorp's Go client), nanoseconds (Go's default encoding), and junk.
    private static readonly JsonNode?[] Durations =
        ["10s", "0s", "1m30s", "250ms", 5_000_000_000L, 0, "", "10", "ten seconds", "-1s", true, null];

    private static readonly string[] Keys = ["Interval", "interval", "Timeout", "TTL", "DeregisterCriticalServiceAfter"];

    [Fact]
    public async Task Register_CheckDefinitionWithGoDurations_ReadsBackEverywhere()
    {
        var body = """
            {"Node":"go-client","Address":"10.0.0.9","Service":{"Service":"gosvc","Port":80},
             "Check":{"CheckID":"gosvc-http","Name":"http","Status":"passing","ServiceID":"gosvc",
                      "Definition":{"HTTP":"http://10.0.0.9/health","Interval":"10s","Timeout":"0s","DeregisterCriticalServiceAfter":"1m"}}}
            """;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("/v1/catalog/register", body)).StatusCode);

        var health = await GetJsonAsync("/v1/health/service/gosvc");
        var check = Assert.Single(health[0]!["Checks"]!.AsArray())!;
        Assert.Equal("10s", check["Interval"]!.GetValue<string>());
        await AssertEveryReadAnswersAsync("go-client", "gosvc");

        var deregister = await PutAsync("/v1/catalog/deregister", """{"Node":"go-client","ServiceID":"gosvc"}""");
        Assert.Equal(HttpStatusCode.OK, deregister.StatusCode);
        Assert.Empty((await GetJsonAsync("/v1/health/service/gosvc")).AsArray());
    }

    [Fact]
    public async Task Register_CheckDefinitionWithBadDuration_RefusedAndNothingWritten()
    {
        var response = await PutAsync("/v1/catalog/register", """
            {"Node":"bad-def","Address":"10.0.0.8","Service":{"Service":"badsvc"},
             "Check":{"CheckID":"c","Name":"c","ServiceID":"badsvc","Definition":{"Interval":"ten"}}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Check.Definition", text, StringComparison.Ordinal);
        Assert.Contains("time: invalid duration \"ten\"", text, StringComparison.Ordinal);
        Assert.False(await NodeExistsAsync("bad-def"));
    }

    [Fact]
    public async Task Register_RandomBodies_AcceptedOnesReadBackAndReRegister()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var (node, service) = ($"rt-node-{i}", $"rt-svc-{i % 7}");
            var body = RandomBody(random, node, service, i);
            var response = await PutAsync("/v1/catalog/register", body.ToJsonString());
            var context = $"seed {seed}, case {i}: {body.ToJsonString()}";
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"{context} answered {(int)response.StatusCode}");
                Assert.False(await NodeExistsAsync(node), $"{context} was refused but wrote its node");
                continue;
            }

            await AssertEveryReadAnswersAsync(node, service, context);

            // Register again from what the catalog answers: the read shape is a valid write.
            var read = await GetJsonAsync($"/v1/catalog/node/{node}");
            var checks = await GetJsonAsync($"/v1/health/node/{node}");
            var again = new JsonObject
            {
                ["Node"] = read["Node"]!["Node"]!.DeepClone(),
                ["Address"] = read["Node"]!["Address"]!.DeepClone(),
                ["Service"] = read["Services"]!.AsObject().First().Value!.DeepClone(),
                ["Checks"] = checks.DeepClone(),
            };
            var reRegistered = await PutAsync("/v1/catalog/register", again.ToJsonString());
            Assert.True(reRegistered.StatusCode == HttpStatusCode.OK,
                $"{context}: re-registering {again.ToJsonString()} " +
                $"answered {(int)reRegistered.StatusCode} {await reRegistered.Content.ReadAsStringAsync(Ct)}");
            await AssertEveryReadAnswersAsync(node, service, context);
        }
    }

    [Fact]
    public async Task Txn_RandomSets_AcceptedOnesReadBackAndRefusedOnesWriteNothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            // The same bodies as the registrations above, sent as the Node, Service and Check ops of one transaction.
            var (node, service) = ($"tx-rt-node-{i}", $"tx-rt-svc-{i % 7}");
            var body = RandomBody(random, node, service, i);
            var check = body["Check"]!.DeepClone();
            check["Node"] = node;
            var ops = new JsonArray(
                new JsonObject
                {
                    ["Node"] = new JsonObject
                    {
                        ["Verb"] = "set",
                        ["Node"] = new JsonObject { ["Node"] = node, ["Address"] = body["Address"]!.DeepClone() }
                    }
                },
                new JsonObject
                {
                    ["Service"] = new JsonObject { ["Verb"] = "set", ["Node"] = node, ["Service"] = body["Service"]!.DeepClone() }
                },
                new JsonObject { ["Check"] = new JsonObject { ["Verb"] = "set", ["Check"] = check } });
            var response = await PutAsync("/v1/txn", ops.ToJsonString());
            var context = $"seed {seed}, case {i}: {ops.ToJsonString()}";
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.True((int)response.StatusCode is 400 or 409, $"{context} answered {(int)response.StatusCode}");
                Assert.False(await NodeExistsAsync(node), $"{context} was refused but wrote its node");
                continue;
            }

            await AssertEveryReadAnswersAsync(node, service, context);
        }
    }

    private static JsonObject RandomBody(Random random, string node, string service, int i)
    {
        var definition = new JsonObject();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            definition[Keys[random.Next(Keys.Length)]] = Durations[random.Next(Durations.Length)]?.DeepClone();
        }

        if (random.Next(2) == 0)
        {
            definition["HTTP"] = "http://127.0.0.1:1/health";
        }

        if (random.Next(4) == 0)
        {
            definition["Header"] = random.Next(2) == 0 ? new JsonObject { ["X-A"] = new JsonArray("1") } : "not-a-map";
        }

        var check = new JsonObject
        {
            ["CheckID"] = $"rt-check-{i}",
            ["Name"] = "rt check",
            ["Status"] = random.Next(3) switch { 0 => "passing", 1 => "warning", _ => "critical" },
            ["ServiceID"] = service,
        };
        if (random.Next(5) != 0)
        {
            check["Definition"] = definition;
        }

        var svc = new JsonObject { ["Service"] = service, ["Port"] = random.Next(1, 65536) };
        if (random.Next(3) == 0)
        {
            svc["TaggedAddresses"] = new JsonObject { ["wan"] = new JsonObject { ["Address"] = "198.51.100.1", ["Port"] = 443 } };
        }

        return new JsonObject { ["Node"] = node, ["Address"] = "10.1.0." + (i % 250), ["Service"] = svc, ["Check"] = check };
    }

    private async Task AssertEveryReadAnswersAsync(string node, string service, string context = "")
    {
        foreach (var path in new[]
                 {
                     $"/v1/health/service/{service}", $"/v1/health/checks/{service}", $"/v1/health/node/{node}",
                     "/v1/health/state/any", $"/v1/catalog/service/{service}", $"/v1/catalog/node/{node}",
                     $"/v1/catalog/node-services/{node}", "/v1/catalog/services",
                 })
        {
            var response = await Http.GetAsync(path, Ct);
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"{context}: GET {path} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    // Consul answers an unknown node with 200 and a null body.
    private async Task<bool> NodeExistsAsync(string node) => await GetJsonOrNullAsync($"/v1/catalog/node/{node}") is not null;

    private async Task<JsonNode?> GetJsonOrNullAsync(string path)
    {
        var response = await Http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<HttpResponseMessage> PutAsync(string path, string body) =>
        Http.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    private async Task<JsonNode> GetJsonAsync(string path) => (await GetJsonOrNullAsync(path))!;
}
