using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Parley.Agent.Checks;
using Parley.Core.Catalog;

namespace Parley.Agent.Tests.Checks;

/// <summary>One HTTP or TCP probe: the status it decides and the output a user reads, in Consul's words.</summary>
public sealed class CheckProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.OK, "passing")]
    [InlineData(HttpStatusCode.NoContent, "passing")]
    [InlineData(HttpStatusCode.TooManyRequests, "warning")]
    [InlineData(HttpStatusCode.MovedPermanently, "critical")]
    [InlineData(HttpStatusCode.NotFound, "critical")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "critical")]
    public async Task RunAsync_HttpStatus_MapsAsConsulDoes(HttpStatusCode code, string expected)
    {
        var probe = Probe(StubHandler.Responding(code, "body"));

        var (status, _) = await probe.RunAsync(Http("http://svc.local/health"), Ct);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task RunAsync_Http200_OutputNamesMethodUrlStatusAndBody()
    {
        var probe = Probe(StubHandler.Responding(HttpStatusCode.OK, "all good"));

        var (_, output) = await probe.RunAsync(Http("http://svc.local/health"), Ct);

        Assert.Equal("HTTP GET http://svc.local/health: 200 OK Output: all good", output);
    }

    [Fact]
    public async Task RunAsync_HttpBodyOver4KiB_OutputKeepsAt4KiBOfIt()
    {
        var probe = Probe(StubHandler.Responding(HttpStatusCode.OK, new string('x', 10_000)));

        var (_, output) = await probe.RunAsync(Http("http://svc.local/health"), Ct);

        Assert.Equal(CheckProbe.MaxOutput, output.Count(c => c == 'x'));
    }

    [Fact]
    public async Task RunAsync_HttpDefinition_SendsMethodHeadersBodyAndConsulUserAgent()
    {
        var handler = StubHandler.Responding(HttpStatusCode.OK, "");
        var definition = Http("http://svc.local/ready") with
        {
            Method = "POST",
            Body = "{\"ping\":1}",
            Header = new Dictionary<string, IReadOnlyList<string>> { ["X-Probe"] = ["a", "b"] },
        };

        await Probe(handler).RunAsync(definition, Ct);

        var request = handler.LastRequest!;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(["a", "b"], request.Headers.GetValues("X-Probe"));
        Assert.Contains("Consul Health Check", request.Headers.UserAgent.ToString());
        Assert.Equal("{\"ping\":1}", handler.LastBody);
    }

    [Fact]
    public async Task RunAsync_HttpSlowerThanTimeout_CriticalWithTimeoutOutputWhenTheAgentsClockSaysSo()
    {
        var handler = new StubHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var time = new FakeTimeProvider();

        var run = Probe(handler, time).RunAsync(Http("http://svc.local/slow") with { Timeout = TimeSpan.FromSeconds(10) }, Ct);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(run.IsCompleted, "the probe gave up before its timeout had passed on the agent's clock");
        time.Advance(TimeSpan.FromSeconds(1));
        // Well under the 10 s a wall clock would need: only the agent's clock can have ended it.
        var (status, output) = await run.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal("critical", status);
        Assert.Equal("GET http://svc.local/slow: timeout after 10s", output);
    }

    [Fact]
    public async Task RunAsync_HttpConnectionRefused_CriticalNamingTheUrl()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection refused (svc.local:80)"));

        var (status, output) = await Probe(handler).RunAsync(Http("http://svc.local/health"), Ct);

        Assert.Equal("critical", status);
        Assert.Contains("http://svc.local/health", output);
        Assert.Contains("Connection refused", output);
    }

    [Fact]
    public async Task RunAsync_TcpListening_PassingThenStopped_Critical()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var probe = Probe(StubHandler.Responding(HttpStatusCode.OK, ""));

        var up = await probe.RunAsync(Tcp(address), Ct);
        listener.Stop();
        var down = await probe.RunAsync(Tcp(address), Ct);

        Assert.Equal(("passing", $"TCP connect {address}: Success"), up);
        Assert.Equal("critical", down.Status);
        Assert.StartsWith($"dial tcp {address}: ", down.Output);
    }

    [Fact]
    public async Task RunAsync_TcpAddressWithoutPort_Critical()
    {
        var (status, output) = await Probe(StubHandler.Responding(HttpStatusCode.OK, "")).RunAsync(Tcp("localhost"), Ct);

        Assert.Equal("critical", status);
        Assert.Equal("dial tcp localhost: missing port in address", output);
    }

    private static CheckProbe Probe(StubHandler handler, TimeProvider? time = null) =>
        new(new HttpClient(handler), new HttpClient(handler), time ?? TimeProvider.System);

    private static CheckDefinition Http(string url) => new() { HTTP = url, Interval = TimeSpan.FromSeconds(1) };

    private static CheckDefinition Tcp(string address) => new()
    {
        TCP = address,
        Interval = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(2),
    };
}
