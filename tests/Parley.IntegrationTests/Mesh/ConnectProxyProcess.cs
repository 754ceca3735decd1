using System.Diagnostics;
using System.Text;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// <c>parley connect proxy ARGS</c> run as a user runs it: a child process of the built apphost pointed at an agent by
/// <c>CONSUL_HTTP_ADDR</c>, its output kept for failure messages; disposing kills it if it still runs.
/// </summary>
internal sealed class ConnectProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConnectProxyProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the proxy wrote so far.</summary>
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

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>parley connect proxy</c> with <paramref name="arguments"/> against <paramref name="agent"/>.</summary>
    public static ConnectProxyProcess Start(Uri agent, params string[] arguments)
    {
        var info = new ProcessStartInfo(ParleyProcess.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("connect");
        info.ArgumentList.Add("proxy");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CONSUL_HTTP_ADDR"] = agent.ToString().TrimEnd('/');
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            info.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        }

        return new ConnectProxyProcess(Process.Start(info)!);
    }

    /// <summary>
    /// <c>parley connect proxy -gateway mesh -register -service mesh-gateway -address 127.0.0.1:PORT -wan-address
    /// 127.0.0.1:PORT</c>, as a user starts a cluster's mesh gateway.
    /// </summary>
    public static ConnectProxyProcess StartGateway(Uri agent, int port) => Start(
        agent, "-gateway", "mesh", "-register", "-service", "mesh-gateway",
        "-address", $"127.0.0.1:{port}", "-wan-address", $"127.0.0.1:{port}", "-log-level", "debug");

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (var kill =
            Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            })!)
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        return await WaitForExitAsync(timeout, cancellationToken);
    }

    /// <summary>Waits for the process to exit; fails the test when it does not within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the proxy did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
