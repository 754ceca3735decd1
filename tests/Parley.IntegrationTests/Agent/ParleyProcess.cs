using System.Diagnostics;
using System.Text;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// The built <c>parley</c> executable run as a child process (<c>parley agent ...</c>) on free loopback ports, with its
/// output captured for the test log. Disposing kills it if it is still running.
/// </summary>
internal sealed class ParleyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ParleyProcess(Process process, ProcessPorts ports)
    {
        _process = process;
        Ports = ports;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}"), Timeout = TimeSpan.FromSeconds(10) };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ProcessPorts Ports { get; }

    /// <summary>A client of the process's HTTP API.</summary>
    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The apphost a build leaves at <c>src/Parley.Cli/bin/&lt;Configuration&gt;/net10.0/parley</c>, found from this test
    /// assembly's own <c>bin/&lt;Configuration&gt;/net10.0</c> folder.
    /// </summary>
    public static string ExecutablePath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            var root = testBin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Parley.slnx")))
            {
                root = root.Parent;
            }

            Assert.True(root is not null, $"no Parley.slnx above {testBin.FullName}");
            var name = OperatingSystem.IsWindows() ? "parley.exe" : "parley";
            var path = Path.Combine(root!.FullName, "src", "Parley.Cli", "bin", configuration, "net10.0", name);
            Assert.True(File.Exists(path), $"{path} does not exist: build src/Parley.Cli ({configuration}) before these tests");
            return path;
        }
    }

    /// <summary>Free ports for every listener of one agent.</summary>
    public static ProcessPorts FreeAgentPorts() =>
        new(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

    /// <summary>Starts <c>parley agent</c> with <paramref name="arguments"/> and the port flags of <paramref name="ports"/>.</summary>
    public static ParleyProcess StartAgent(ProcessPorts ports, params string[] arguments)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("agent");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (flag, port) in new[]
        {
            ("-http-port", ports.Http), ("-server-port", ports.Server), ("-grpc-port", ports.Grpc),
            ("-grpc-tls-port", ports.GrpcTls), ("-dns-port", ports.Dns),
        })
        {
            info.ArgumentList.Add(flag);
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The apphost finds the runtime through DOTNET_ROOT when it is not in a default location.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            info.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        }

        return new ParleyProcess(Process.Start(info)!, ports);
    }

    /// <summary>Polls until <c>/v1/status/leader</c> is non-empty and the catalog lists the <c>consul</c> service.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(
            async () =>
            {
                Assert.False(HasExited, $"parley exited with {(HasExited ? ExitCode : 0)} before it was ready:\n{Output}");
                try
                {
                    var leader = await Http.GetStringAsync("/v1/status/leader", cancellationToken);
                    var services = leader.Trim() is "" or "\"\"" ? "" : await Http.GetStringAsync(
                        "/v1/catalog/services", cancellationToken);
                    return (services.Contains("\"consul\"", StringComparison.Ordinal), Output);
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    return (false, Output);
                }
            },
            timeout,
            "parley is ready",
            cancellationToken);

    /// <summary>Sends SIGTERM, as a service manager stopping the agent does.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill =
            Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            })!;
        await kill.WaitForExitAsync(cancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to exit; fails the test if it does not within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"parley did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>kill -9: the process gets no chance to flush or clean up.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
