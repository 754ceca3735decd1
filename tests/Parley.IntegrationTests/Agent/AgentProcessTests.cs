using System.Diagnostics;
using System.Text.RegularExpressions;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// <c>parley agent</c> as a user runs it: <c>-dev</c> becomes ready, says where it listens, and SIGTERM stops it
/// cleanly; bad configuration ends it with exit code 1 and one line saying why.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class AgentProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevAgent_CustomPorts_BecomesReady_SigtermExitsZero()
    {
        var ports = ParleyProcess.FreeAgentPorts();
        var clock = Stopwatch.StartNew();
        await using var agent = ParleyProcess.StartAgent(ports, "-dev");

        await agent.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), Ct);
        clock.Stop();
        // Recorded, never asserted: the machine running the tests may be busy with other tests.
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"parley agent -dev ready (leader known," +
                $" consul service in the catalog) {clock.Elapsed.TotalMilliseconds:F0} ms after process start");

        // One log line says where the HTTP API listens, on the port asked for.
        var output = await Eventually.ReadAsync(
            () => Task.FromResult(agent.Output), o => o.Contains($"http://127.0.0.1:{ports.Http}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), "the listening log line", Ct);
        var dataDir = DataDirLine().Match(output) is { Success: true } m ? m.Groups[1].Value : null;
        var leader = await agent.Http.GetStringAsync("/v1/status/leader", Ct);
        Assert.Equal($"\"127.0.0.1:{ports.Server}\"", leader);

        await agent.TerminateAsync(Ct);
        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{agent.Output}");
        Assert.NotNull(dataDir);
        Assert.False(Directory.Exists(dataDir), $"the dev agent's temporary data dir {dataDir} is still there");
    }

    [Fact]
    public async Task DevAgent_SigtermWithOpenBlockingQuery_AnswersTheQueryAndExitsZero()
    {
        await using var agent = ParleyProcess.StartAgent(ParleyProcess.FreeAgentPorts(), "-dev");
        await agent.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), Ct);
        var (_, index) = await agent.Http.GetJsonWithIndexAsync<System.Text.Json.Nodes.JsonObject>("/v1/catalog/services", Ct);
        var watch = agent.Http.GetAsync($"/v1/catalog/services?index={index}&wait=60s", Ct);
        await Task.Delay(300, Ct);
        Assert.False(watch.IsCompleted);

        await agent.TerminateAsync(Ct);

        // A watcher gets the current answer when the agent stops, and the stop does not wait for the watch to time out.
        using var answer = await watch.WaitAsync(TimeSpan.FromSeconds(8), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"consul\"", await answer.Content.ReadAsStringAsync(Ct));
        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(8), Ct);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{agent.Output}");
    }

    [Fact]
    public async Task Agent_UnknownConfigKey_ExitsOneNamingKeyAndFile()
    {
        var dir = Directory.CreateTempSubdirectory("parley-badconfig-").FullName;
        try
        {
            var file = Path.Combine(dir, "agent.json");
            await File.WriteAllTextAsync(file, """{"datacentre": "dc1"}""", Ct);

            await using var agent = ParleyProcess.StartAgent(ParleyProcess.FreeAgentPorts(), "-dev", "-config-file", file);
            var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct);

            Assert.Equal(1, exitCode);
            Assert.Contains("\"datacentre\"", agent.Output);
            Assert.Contains(file, agent.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Agent_UnusableDataDir_ExitsOneWithoutStackTrace()
    {
        // A data dir below a regular file cannot be created.
        var file = Path.GetTempFileName();
        try
        {
            var dataDir = Path.Combine(file, "data");
            await using var agent = ParleyProcess.StartAgent(
                ParleyProcess.FreeAgentPorts(), "-server", "-bootstrap-expect", "1", "-data-dir", dataDir);
            var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct);

            Assert.Equal(1, exitCode);
            Assert.Contains("==> Error starting agent", agent.Output);
            Assert.DoesNotContain("Unhandled exception", agent.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Agent_ClientAddressNotAnIp_ExitsOneNamingIt()
    {
        await using var agent = ParleyProcess.StartAgent(ParleyProcess.FreeAgentPorts(), "-dev", "-client", "not-an-address");
        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(1, exitCode);
        Assert.Contains("\"not-an-address\" is not an IP address", agent.Output);
        Assert.DoesNotContain("Unhandled exception", agent.Output);
    }

    [GeneratedRegex(@"server port \d+, data in (\S+)")]
    private static partial Regex DataDirLine();
}
