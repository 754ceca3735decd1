using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// The <c>parley intention</c> family, the built executable against a real agent, peer sources included; each write is
/// read back from the <c>service-intentions</c> entry it changed.
/// </summary>
public sealed class IntentionCliTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private DirectoryInfo _work = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("parley-intention-cli-");
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_PeerSources_IntoTheEntryTheUiWrote_CheckAndMatchAnswerForThePeer()
    {
        // The UI (or config write) made the entry: the CLI adds to it rather than refusing it.
        await _agent.Http.WriteEntryAsync(
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Action":"allow"}]}""",
            Ct);

        var positional = await CliAsync("intention", "create", "-allow", "cluster-02/frontend", "backend");
        Assert.Equal((0, "Created: peer:cluster-02/frontend => backend (allow)"), (positional.ExitCode, positional.Out.Trim()));
        var flag = await CliAsync("intention", "create", "-deny", "-source-peer", "cluster-03", "*", "backend");
        Assert.Equal((0, "Created: peer:cluster-03/* => backend (deny)"), (flag.ExitCode, flag.Out.Trim()));

        var sources = (await EntryAsync("backend"))["Sources"]!.AsArray()
            .Select(s => ((string?)s!["Peer"] ?? "", (string)s["Name"]!, (string)s["Action"]!)).ToList();
        Assert.Equal([("", "web", "allow"), ("cluster-02", "frontend", "allow"), ("cluster-03", "*", "deny")], sources);

        Assert.Equal((0, "Allowed"), Outcome(await CliAsync("intention", "check", "cluster-02/frontend", "backend")));
        Assert.Equal((1, "Denied"), Outcome(await CliAsync("intention", "check", "-source-peer", "cluster-03", "anything", "backend")));
        Assert.Equal((0, "Allowed"), Outcome(await CliAsync("intention", "check", "frontend", "backend")));

        Assert.Equal(
            (0, "peer:cluster-03/* => backend (deny)"), Outcome(await CliAsync("intention", "match", "-source", "cluster-03/api")));
        var byDestination = await CliAsync("intention", "match", "backend");
        // Evaluation order: highest precedence first, equal ones by source name.
        Assert.Equal(
            ["peer:cluster-02/frontend => backend (allow)", "web => backend (allow)", "peer:cluster-03/* => backend (deny)"],
            byDestination.Out.Trim().Split('\n'));

        // A second create is refused until -replace, which replaces quietly (as Consul's does).
        var again = await CliAsync("intention", "create", "-deny", "cluster-02/frontend", "backend");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(
            "Error creating intention \"peer:cluster-02/frontend => backend (deny)\": an intention from peer:" +
                "cluster-02/frontend to backend already exists; use -replace to replace it",
            again.Error.Trim());
        var replaced = await CliAsync("intention", "create", "-deny", "-replace", "cluster-02/frontend", "backend");
        Assert.Equal((0, ""), Outcome(replaced));
        Assert.Equal((1, "Denied"), Outcome(await CliAsync("intention", "check", "cluster-02/frontend", "backend")));

        var deleted = await CliAsync("intention", "delete", "cluster-02/frontend", "backend");
        Assert.Equal((0, "Intention deleted."), Outcome(deleted));
        Assert.DoesNotContain((await EntryAsync("backend"))["Sources"]!.AsArray(), s => (string?)s!["Peer"] == "cluster-02");
    }

    [Fact]
    public async Task Create_WithMeta_IsALegacyIntention_GetListAndDeleteById()
    {
        var created = await CliAsync("intention", "create", "-meta", "team=payments", "-meta", "tier=1", "web", "db");
        Assert.Equal((0, "Created: web => db (allow)"), Outcome(created));
        var source = Assert.Single((await EntryAsync("db"))["Sources"]!.AsArray())!;
        var id = (string)source["LegacyID"]!;
        Assert.Equal("payments", (string?)source["LegacyMeta"]!["team"]);

        var byName = await CliAsync("intention", "get", "web", "db");
        Assert.Equal(0, byName.ExitCode);
        var lines = byName.Out.Trim().Split('\n');
        Assert.Equal(
            ["Source:       web", "Destination:  db", "Action:       allow", $"ID:           {id}", "Meta[team]:   payments",
            "Meta[tier]:   1"],
            lines[..6]);
        Assert.StartsWith("Created At:   ", lines[6], StringComparison.Ordinal);
        Assert.Equal(byName.Out, (await CliAsync("intention", "get", id)).Out);

        var list = await CliAsync("intention", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal([$"{"ID",-36}  Source  Action  Destination  Precedence", $"{id}  web     allow   db           9"],
            list.Out.Trim().Split('\n'));

        Assert.Equal((0, "Intention deleted."), Outcome(await CliAsync("intention", "delete", id)));
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.Http.GetAnswerAsync("/v1/config/service-intentions/db", Ct)).Status);
        var none = await CliAsync("intention", "list");
        Assert.Equal((2, "There are no intentions."), (none.ExitCode, none.Error.Trim()));
        var missing = await CliAsync("intention", "get", "web", "db");
        Assert.Equal((1, "Intention not found with source \"web\" and destination \"db\""), (missing.ExitCode, missing.Error.Trim()));
    }

    [Fact]
    public async Task Create_FromFiles_AndTheFlagErrors()
    {
        var one = File("one.json", """{"SourceName":"api","DestinationName":"db","Action":"deny","Description":"from a file"}""");
        var two = File("two.json", """{"SourceName":"frontend","SourcePeer":"cluster-02","DestinationName":"db","Action":"allow"}""");
        var created = await CliAsync("intention", "create", "-file", one, two);
        Assert.Equal((0, "Created: api => db (deny)\nCreated: peer:cluster-02/frontend => db (allow)"), Outcome(created));
        var sources = (await EntryAsync("db"))["Sources"]!.AsArray();
        Assert.Equal(("from a file", "cluster-02"), ((string?)sources[0]!["Description"], (string?)sources[1]!["Peer"]));

        var l7 = File(
            "l7.json",
            """{"SourceName":"x","DestinationName":"db","Permissions":[{"Action":"allow","HTTP":{"PathPrefix":"/"}}]}""");
        Assert.Equal((1, $"Error: cannot create L7 intention from file \"{l7}\" using this CLI; use 'parley config write' instead"),
            ErrorOutcome(await CliAsync("intention", "create", "-file", l7)));
        Assert.Equal(
            (1, "Only one of -allow or -deny may be specified."),
            ErrorOutcome(await CliAsync("intention", "create", "-allow", "-deny", "a", "b")));
        Assert.Equal(
            (1, "Error: Must specify two arguments: source and destination"),
            ErrorOutcome(await CliAsync("intention", "create", "a")));
        Assert.Equal((1, "command requires exactly 1 or 2 arguments"), ErrorOutcome(await CliAsync("intention", "delete")));
        Assert.Equal((1, "Error: only one of -source or -destination may be specified"),
            ErrorOutcome(await CliAsync("intention", "match", "-source", "-destination", "a")));
        Assert.Equal((1, "Error: the source cluster-02/a names peer cluster-02 but -source-peer is cluster-03"),
            ErrorOutcome(await CliAsync("intention", "create", "-source-peer", "cluster-03", "cluster-02/a", "db")));
    }

    private static (int, string) Outcome(ParleyCli.Run run) => (run.ExitCode, run.Out.Trim());

    private static (int, string) ErrorOutcome(ParleyCli.Run run) => (run.ExitCode, run.Error.Trim());

    private async Task<JsonObject> EntryAsync(string destination) =>
        (await _agent.Http.GetAnswerAsync($"/v1/config/service-intentions/{destination}", Ct)).Ok<JsonObject>();

    private Task<ParleyCli.Run> CliAsync(params string[] arguments) => ParleyCli.RunAsync(_agent.Address, Ct, arguments);

    private string File(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
