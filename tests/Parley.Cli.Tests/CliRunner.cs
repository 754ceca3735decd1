using Parley.Agent;

namespace Parley.Cli.Tests;

/// <summary>Runs the <c>parley</c> command tree in-process and captures what it prints.</summary>
internal static class CliRunner
{
    /// <summary>
    /// Runs <paramref name="args"/> with an empty environment unless <paramref name="environment"/> says otherwise, telling
    /// ages against <paramref name="time"/> (default: the system clock).
    /// </summary>
    public static async Task<CliResult> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null,
        Func<AgentFlags, CancellationToken, Task<int>>? runAgent = null,
        string? workingDirectory = null,
        TimeProvider? time = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(standardInput ?? ""),
            GetEnvironmentVariable = name => environment?.GetValueOrDefault(name),
            RunAgentAsync = runAgent ?? ((_, _) => throw new InvalidOperationException("the agent must not run in this test")),
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            Time = time ?? TimeProvider.System,
        };
        var exitCode = await ParleyCli.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
