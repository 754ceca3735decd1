using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Kv;

/// <summary>
/// <c>parley kv</c> and <c>parley lock</c> run as a user would (the built apphost) against a real agent: Consul's output
/// texts, and lock holders that never overlap across processes.
/// </summary>
public sealed class KvCliTests : OneAgentTests
{
    private Task<ParleyCli.Run> Parley(params string[] args) => ParleyCli.RunAsync(Agent.Address, Ct, args);

    [Fact]
    public async Task PutGetDeleteExportImport_PrintConsulsTexts()
    {
        Assert.Equal("Success! Data written to: app/db\n", (await Parley("kv", "put", "-flags=7", "app/db", "postgres")).Out);
        Assert.Equal("postgres\n", (await Parley("kv", "get", "app/db")).Out);
        Assert.Equal("cG9zdGdyZXM=\n", (await Parley("kv", "get", "-base64", "app/db")).Out);
        var detailed = (await Parley("kv", "get", "-detailed", "app/db")).Out.Split('\n');
        // Go's tabwriter with padding 6: values start 6 columns past the longest label (CreateIndex, 11 characters).
        Assert.Equal([$"{"Flags",-17}7", $"{"Key",-17}app/db", $"{"LockIndex",-17}0", $"{"Session",-17}-", $"{"Value",-17}postgres"],
            detailed.Where(l => !l.StartsWith("CreateIndex", StringComparison.Ordinal)
                && !l.StartsWith("ModifyIndex", StringComparison.Ordinal) && l.Length > 0));

        var cas = await Parley("kv", "put", "-cas", "-modify-index=1", "app/db", "mysql");
        Assert.Equal((1, "Error! Did not write to app/db: CAS failed\n"), (cas.ExitCode, cas.Error));
        var missing = await Parley("kv", "get", "app/nope");
        Assert.Equal((1, "Error! No key exists at: app/nope\n"), (missing.ExitCode, missing.Error));
        Assert.Equal("Success! Data written to: app/name\n", (await Parley("kv", "put", "app/name", "web")).Out);
        Assert.Equal("app/db:postgres\napp/name:web\n", (await Parley("kv", "get", "-recurse", "app")).Out);
        Assert.Equal("app/\n", (await Parley("kv", "get", "-keys", "")).Out);

        var export = await Parley("kv", "export", "app/");
        Assert.Equal(0, export.ExitCode);
        Assert.Contains(
            "\t{\n\t\t\"key\": \"app/db\",\n\t\t\"flags\": 7,\n\t\t\"value\": \"cG9zdGdyZXM=\"\n\t}",
            export.Out,
            StringComparison.Ordinal);

        Assert.Equal("Success! Deleted keys with prefix: app/\n", (await Parley("kv", "delete", "-recurse", "app/")).Out);
        Assert.Equal(1, (await Parley("kv", "get", "app/db")).ExitCode);

        var import = await Parley("kv", "import", export.Out);
        Assert.Equal("Imported: app/db\nImported: app/name\n", import.Out);
        Assert.Equal("postgres\n", (await Parley("kv", "get", "app/db")).Out);
        Assert.Equal("Success! Deleted key: app/db\n", (await Parley("kv", "delete", "app/db")).Out);
        Assert.Equal("Error! Missing KEY argument\n", (await Parley("kv", "delete")).Error);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public async Task Lock_ProcessesContending_NeverHoldMoreThanTheLimit(int limit, int processes)
    {
        var dir = Directory.CreateTempSubdirectory("parley-lock-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "held"));

            // Each child marks itself as holding, counts the holders, works a moment, and unmarks itself.
            string Child(int i) =>
                $"touch {dir}/held/{i}; n=$(ls {dir}/held | wc -l); if [ $n -gt {limit} ]; then echo overlap >> {dir}/log; fi; " +
                $"echo start {i} >> {dir}/log; sleep 0.3; rm {dir}/held/{i}; echo end {i} >> {dir}/log";
            var runs = Enumerable.Range(0, processes).Select(i => Parley("lock", $"-n={limit}", "locks/job", Child(i))).ToList();
            foreach (var run in await Task.WhenAll(runs))
            {
                Assert.True(run.ExitCode == 0, run.ToString());
            }

            var log = await File.ReadAllLinesAsync(Path.Combine(dir, "log"), Ct);
            Assert.DoesNotContain("overlap", log);
            Assert.Equal(processes, log.Count(l => l.StartsWith("end", StringComparison.Ordinal)));

            // Released and cleaned up: no holder left, no session left.
            var sessions = await Http.GetStringAsync("/v1/session/list", Ct);
            Assert.Equal("[]", sessions);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
