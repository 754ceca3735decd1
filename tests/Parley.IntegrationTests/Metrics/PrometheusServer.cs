using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Metrics;

/// <summary>
/// Debian's Prometheus, started as a process that scrapes one Parley agent's <c>/v1/agent/metrics?format=prometheus</c>
/// every 500 ms, as an operator would point it there; queried through its HTTP API.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public static async Task<PrometheusServer> StartAsync(Uri agent, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("parley-prometheus-");
        var config = Path.Combine(dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 500ms
              scrape_timeout: 500ms
            scrape_configs:
              - job_name: parley
                metrics_path: /v1/agent/metrics
                params:
                  format: [prometheus]
                static_configs:
                  - targets: ['{agent.Authority}']
            """, cancellationToken);
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir.FullName, "data"),
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, dir, port);
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"prometheus exited with {process.ExitCode} before it was ready");
                    }

                    using var ready = await server._http.GetAsync("/-/ready", cancellationToken);
                    return ready.IsSuccessStatusCode;
                },
                TimeSpan.FromSeconds(30),
                "prometheus is ready",
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The value of <paramref name="query"/> now (Prometheus' instant query), or null when it has no sample.</summary>
    public async Task<double?> ValueAsync(string query, CancellationToken cancellationToken)
    {
        var answer = JsonNode.Parse(await _http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query), cancellationToken))!;
        var result = answer["data"]!["result"]!.AsArray();
        return result.Count == 0 ? null : double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
