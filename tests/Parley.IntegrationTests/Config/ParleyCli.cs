using System.Diagnostics;

namespace Parley.IntegrationTests.Config;

/// <summary>Runs the built <c>parley</c> apphost as a user would, against an agent named by <c>CONSUL_HTTP_ADDR</c>.</summary>
internal static class ParleyCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>What one run printed and how it exited.</summary>
    public sealed record Run(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
    }

    /// <summary>
    /// The apphost a build leaves at <c>src/Parley.Cli/bin/&lt;Configuration&gt;/net10.0/parley</c>, found from this test
    /// assembly's <c>bin/&lt;Configuration&gt;/net10.0</c> folder (so a Release test run uses a Release CLI).
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
            var path = Path.Combine(
                root!.FullName,
                "src",
                "Parley.Cli",
                "bin",
                configuration,
                "net10.0",
                OperatingSystem.IsWindows() ? "parley.exe" : "parley");
            Assert.True(File.Exists(path), $"{path} does not exist: build src/Parley.Cli ({configuration}) before these tests");
            return path;
        }
    }

    /// <summary>Runs <c>parley ARGS</c> with <c>CONSUL_HTTP_ADDR</c> set to <paramref name="agent"/>.</summary>
    public static Task<Run> RunAsync(Uri agent, CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(agent, new Dictionary<string, string>(), cancellationToken, arguments);

    /// <summary>Runs <c>parley ARGS</c> with <c>CONSUL_HTTP_ADDR</c> and the given extra environment variables.</summary>
    public static async Task<Run> RunAsync(
        Uri agent, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONSUL_HTTP_ADDR"] = agent.ToString().TrimEnd('/');
        start.Environment.Remove("CONSUL_HTTP_TOKEN");
        start.Environment.Remove("CONSUL_HTTP_TOKEN_FILE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await output, await error);
    }
}
