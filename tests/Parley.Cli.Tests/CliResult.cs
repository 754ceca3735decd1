namespace Parley.Cli.Tests;

/// <summary>What a command run produced.</summary>
/// <param name="ExitCode">The process exit code the command returned.</param>
/// <param name="Out">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
internal sealed record CliResult(int ExitCode, string Out, string Error);
