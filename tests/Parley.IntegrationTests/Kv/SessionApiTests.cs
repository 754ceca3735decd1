using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Api.Sessions;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Kv;

/// <summary>
/// <c>/v1/session</c> and locks against a real agent whose session clock is a <see cref="FakeTimeProvider"/>: TTL expiry
/// and lock-delay happen when the test moves that clock, never by waiting.
/// </summary>
public sealed class SessionApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync() => _agent = await TestAgent.StartAsync(
        null, null, services => services.AddSingleton(new SessionClock(_clock)), Ct);

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Create_WithoutBody_UsesConsulsDefaultsAndIsListed()
    {
        var id = await CreateAsync("");

        var info = Assert.Single((await Http.GetAnswerAsync($"/v1/session/info/{id}", Ct)).Ok<JsonArray>())!.AsObject();
        Assert.Equal(
            ["ID", "Name", "Node", "LockDelay", "Behavior", "TTL", "NodeChecks", "ServiceChecks", "CreateIndex", "ModifyIndex"],
            info.Select(p => p.Key));
        Assert.Equal(_agent.Agent.Config.NodeName, (string?)info["Node"]);
        Assert.Equal(15_000_000_000L, (long)info["LockDelay"]!);
        Assert.Equal("release", (string?)info["Behavior"]);
        Assert.Equal(["serfHealth"], info["NodeChecks"]!.AsArray().Select(c => (string?)c));
        Assert.Equal([id], (await Http.GetAnswerAsync("/v1/session/list", Ct)).Ok<JsonArray>().Select(s => (string?)s!["ID"]));
        Assert.Equal([id],
            (await Http.GetAnswerAsync($"/v1/session/node/{_agent.Agent.Config.NodeName}", Ct)).Ok<JsonArray>()
            .Select(s => (string?)s!["ID"]));
        Assert.Empty((await Http.GetAnswerAsync("/v1/session/info/00000000-0000-0000-0000-000000000000", Ct)).Ok<JsonArray>());

        var legacy = await CreateAsync("""{"Checks":[],"LockDelay":5,"Name":"n"}""");
        var legacyInfo = (await Http.GetAnswerAsync($"/v1/session/info/{legacy}", Ct)).Ok<JsonArray>()[0]!;
        Assert.Null(legacyInfo["NodeChecks"]);
        Assert.Equal(5_000_000_000L, (long)legacyInfo["LockDelay"]!);
    }

    [Fact]
    public async Task Create_BadTtlOrBehaviorOrCheck_AnswersConsulsTexts()
    {
        var shortTtl = await Http.PutAnswerAsync("/v1/session/create", """{"TTL":"5s"}""", Ct);
        Assert.Equal(
            (HttpStatusCode.InternalServerError, "Invalid Session TTL '5000000000', must be between [10s=24h0m0s]"),
            (shortTtl.Status, shortTtl.Body));
        var behavior = await Http.PutAnswerAsync("/v1/session/create", """{"Behavior":"keep"}""", Ct);
        Assert.Equal("Invalid Behavior setting 'keep'", behavior.Body);
        var check = await Http.PutAnswerAsync("/v1/session/create", """{"NodeChecks":["nope"]}""", Ct);
        Assert.Equal("Missing check 'nope' registration", check.Body);
        var renew = await Http.PutAnswerAsync("/v1/session/renew/unknown", "", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Session id 'unknown' not found"), (renew.Status, renew.Body));
        Assert.Empty((await Http.GetAnswerAsync("/v1/session/list", Ct)).Ok<JsonArray>());
    }

    [Fact]
    public async Task Lock_OneHolderAtATime_DestroyReleasesAndLockDelayHoldsOthersOff()
    {
        var s1 = await CreateAsync("");
        var s2 = await CreateAsync("");

        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/service/leader?acquire={s1}", "s1", Ct)).Body);
        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/kv/service/leader?acquire={s2}", "s2", Ct)).Body);
        var held = (await Http.GetAnswerAsync("/v1/kv/service/leader", Ct)).Ok<JsonArray>()[0]!;
        Assert.Equal((s1, 1UL), ((string?)held["Session"], (ulong)held["LockIndex"]!));

        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/kv/service/leader?release={s2}", "", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/service/leader?release={s1}", "", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/service/leader?acquire={s2}", "s2", Ct)).Body);
        Assert.Equal(2UL, (ulong)(await Http.GetAnswerAsync("/v1/kv/service/leader", Ct)).Ok<JsonArray>()[0]!["LockIndex"]!);

        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/session/destroy/{s2}", "", Ct)).Body);
        var released = (await Http.GetAnswerAsync("/v1/kv/service/leader", Ct)).Ok<JsonArray>()[0]!;
        Assert.Null(released["Session"]);

        // The 15 s lock-delay of the destroyed session holds every other session off until the clock passes it.
        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/kv/service/leader?acquire={s1}", "s1", Ct)).Body);
        _clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/service/leader?acquire={s1}", "s1", Ct)).Body);
        Assert.Equal(3UL, (ulong)(await Http.GetAnswerAsync("/v1/kv/service/leader", Ct)).Ok<JsonArray>()[0]!["LockIndex"]!);
    }

    [Fact]
    public async Task TtlSession_RenewedIsKept_ThenExpiresAfterTwiceItsTtlAndReleasesItsLock()
    {
        var id = await CreateAsync("""{"TTL":"10s","LockDelay":"0s"}""");
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/ttl/lock?acquire={id}", "", Ct)).Body);

        // A renewal reaches the leader's timer; the answer is the session.
        var renewed = await Http.PutAnswerAsync($"/v1/session/renew/{id}", "", Ct);
        Assert.Equal(id, (string?)renewed.Ok<JsonArray>()[0]!["ID"]);
        var lockIndex = (await Http.GetAnswerAsync("/v1/kv/ttl/lock", Ct)).Index;

        // Past twice the TTL without renewal the leader destroys the session; its lock is released.
        var watch = Http.GetAnswerAsync($"/v1/kv/ttl/lock?index={lockIndex}&wait=60s", Ct);
        _clock.Advance(TimeSpan.FromSeconds(21));
        var woke = await watch.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Null(woke.Ok<JsonArray>()[0]!["Session"]);
        Assert.Empty((await Http.GetAnswerAsync($"/v1/session/info/{id}", Ct)).Ok<JsonArray>());
    }

    [Fact]
    public async Task CriticalCheck_InvalidatesTheSession_ReleasingOrDeletingItsKeys()
    {
        await RegisterAsync("passing");
        var release = await CreateAsync("""{"Node":"worker-1","NodeChecks":["worker-alive"],"LockDelay":"0s"}""");
        var delete = await CreateAsync("""{"Node":"worker-1","NodeChecks":["worker-alive"],"Behavior":"delete"}""");
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/jobs/leader?acquire={release}", "w1", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/jobs/ephemeral?acquire={delete}", "w1", Ct)).Body);
        var index = (await Http.GetAnswerAsync("/v1/kv/jobs/?recurse", Ct)).Index;

        var watch = Http.GetAnswerAsync($"/v1/kv/jobs/?recurse&index={index}&wait=60s", Ct);
        await RegisterAsync("critical");
        var answer = await watch.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Both sessions go in one leader round; wait for the second write if the first woke the watch.
        for (var round = 0; round < 3 && (answer.Ok<JsonArray>().Count != 1 || answer.Ok<JsonArray>()[0]!["Session"] is not null); round++)
        {
            answer = await Http.GetAnswerAsync($"/v1/kv/jobs/?recurse&index={answer.Index}&wait=60s", Ct)
                .WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.Equal("jobs/leader", (string?)answer.Ok<JsonArray>()[0]!["Key"]);
        Assert.Empty((await Http.GetAnswerAsync("/v1/session/node/worker-1", Ct)).Ok<JsonArray>());
    }

    private async Task RegisterAsync(string status)
    {
        var body =
            $$$"""{"Node":"worker-1","Address":"10.0.0.9","Check":{"CheckID":"worker-alive","Name":"alive","Status":"{{{status}}}"}}""";
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAnswerAsync("/v1/catalog/register", body, Ct)).Status);
    }

    private async Task<string> CreateAsync(string body)
    {
        var created = await Http.PutAnswerAsync("/v1/session/create", body, Ct);
        return (string)created.Ok<JsonObject>()["ID"]!;
    }
}
