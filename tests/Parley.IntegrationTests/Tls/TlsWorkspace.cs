using System.Diagnostics;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Tls;

/// <summary>
/// A temporary folder in which <c>parley tls ca create</c> and <c>parley tls cert create</c> run as a user runs them
/// (the built apphost, the folder as working directory), so the tests use exactly the files those commands write.
/// </summary>
internal sealed class TlsWorkspace : IDisposable
{
    public TlsWorkspace() => Root = Directory.CreateTempSubdirectory("parley-tls-").FullName;

    public string Root { get; }

    public string this[string file] => Path.Combine(Root, file);

    /// <summary>Runs <c>parley ARGS</c> in <see cref="Root"/>.</summary>
    public async Task<ParleyCli.Run> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(ParleyCli.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return new ParleyCli.Run(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and fails the test unless it exits 0.</summary>
    public async Task<ParleyCli.Run> MustRunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var run = await RunAsync(cancellationToken, arguments);
        Assert.True(run.ExitCode == 0, $"parley {string.Join(' ', arguments)}: {run}");
        return run;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
