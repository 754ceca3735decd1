using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// kill -9 of a persistent server in the middle of a stream of writes loses none that it acknowledged: a write is
/// on disk before its response is sent. Runs the real <c>parley</c> executable.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class KillPersistenceTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("parley-kill-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task KillNine_MidStreamOfWrites_EveryAcknowledgedWriteSurvivesRestart()
    {
        const int SequentialWrites = 30;
        const int ConcurrentWritesBeforeKill = 60;
        var ports = ParleyProcess.FreeAgentPorts();
        string[] arguments = ["-server", "-bootstrap-expect", "1", "-data-dir", _dataDir, "-node", "n1"];
        var acknowledged = new ConcurrentQueue<string>();
        var attempted = 0;

        await using (var first = ParleyProcess.StartAgent(ports, arguments))
        {
            await first.WaitUntilReadyAsync(StartTimeout, Ct);
            for (var i = 0; i < SequentialWrites; i++)
            {
                await first.Http.PutOkAsync("/v1/catalog/register", NodeBody($"seq-{i}"), Ct);
                acknowledged.Enqueue($"seq-{i}");
            }

            using var stopWriters = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stopWriters.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    Interlocked.Increment(ref attempted);
                    try
                    {
                        using var response = await first.Http.PutJsonAsync("/v1/catalog/register", NodeBody(name), stopWriters.Token);
                        if (response.StatusCode == HttpStatusCode.OK
                            && await response.Content.ReadAsStringAsync(stopWriters.Token) == "true")
                        {
                            acknowledged.Enqueue(name);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return; // The server is gone (or the test is over): this write was never acknowledged.
                    }
                }
            })).ToArray();

            await Eventually.ReadAsync(
                () => Task.FromResult(acknowledged.Count), n => n >= SequentialWrites + ConcurrentWritesBeforeKill,
                TimeSpan.FromSeconds(15), "concurrent writes", Ct);
            first.KillHard();
            Assert.NotEqual(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(10), Ct));
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        }

        var expected = acknowledged.ToHashSet(StringComparer.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{expected.Count} writes acknowledged of {attempted + SequentialWrites} attempted before kill -9");

        await using var second = ParleyProcess.StartAgent(ports, arguments);
        await second.WaitUntilReadyAsync(StartTimeout, Ct);
        var present = await Eventually.ReadAsync(
            async () => (await second.Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes", Ct))
                .Select(n => n!["Node"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
            names => expected.IsSubsetOf(names),
            TimeSpan.FromSeconds(5),
            "every acknowledged write to be readable",
            Ct);

        Assert.Empty(expected.Except(present));
        // Nothing was invented either: every node is one this test tried to write, or the server's own.
        Assert.All(
            present, name => Assert.True(name == "n1" || name.StartsWith("seq-", StringComparison.Ordinal) || name.StartsWith('w'), name));

        await second.TerminateAsync(Ct);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct));
    }

    private static string NodeBody(string name) =>
        $$$"""{"Node": "{{{name}}}", "Address": "10.1.0.1", "Service": {"Service": "svc-{{{name}}}", "Port": 80}}""";
}
