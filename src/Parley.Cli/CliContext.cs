using Parley.Agent;

namespace Parley.Cli;

/// <summary>
/// Everything a command touches outside itself: its output and error writers, standard input, the environment and
/// the agent entry point. The process uses <see cref="FromConsole"/>; tests pass writers they can read back.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Where results go (stdout).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors go (stderr).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input, read by <c>config write -</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Reads an environment variable (<c>CONSUL_HTTP_ADDR</c>, <c>CONSUL_HTTP_TOKEN</c>, ...).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = static _ => null;

    /// <summary>
    /// Runs the agent until cancelled; null (the process): <see cref="AgentProgram.RunAsync"/>, bound only by
    /// <c>parley agent</c> so that no other command loads the agent's assembly.
    /// </summary>
    public Func<AgentFlags, CancellationToken, Task<int>>? RunAgentAsync { get; init; }

    /// <summary>The directory relative paths are resolved against (<c>tls ca create</c> writes there). Defaults to the process's.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary><paramref name="path"/> against <see cref="WorkingDirectory"/> when relative.</summary>
    public string Resolve(string path) => Path.Combine(WorkingDirectory, path);

    /// <summary>The clock ages ("12s ago") are told against. Defaults to the system's; tests may fix it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (true for the process, false in tests).</summary>
    public bool HandleTermination { get; init; }

    /// <summary>The context of the real process: console streams and the process environment.</summary>
    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        HandleTermination = true,
    };
}
