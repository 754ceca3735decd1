using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Cli.Commands;

/// <summary><c>parley version [-format pretty|json]</c>: <c>Parley v1.2.3</c>, or JSON like <c>consul version -format=json</c>.</summary>
internal static class VersionCommand
{
    // Consul marshals its version info with a three-space indent.
    private static readonly JsonSerializerOptions VersionJson = new() { WriteIndented = true, IndentSize = 3 };

    public static Command Create(CliContext context)
    {
        var format = CliOptions.Format();
        var command = new Command("version", "Prints the Parley version") { format };
        command.SetAction(parseResult =>
        {
            var (version, revision, prerelease) = Read();
            switch (parseResult.GetValue(format))
            {
                case "pretty":
                    context.Out.WriteLine($"Parley v{version}{(prerelease.Length > 0 ? "-" + prerelease : "")}");
                    if (revision.Length > 0)
                    {
                        context.Out.WriteLine($"Revision {revision}");
                    }

                    return 0;
                case "json":
                    var info = new JsonObject { ["Version"] = version, ["Revision"] = revision, ["Prerelease"] = prerelease };
                    context.Out.WriteLine(info.ToJsonString(VersionJson));
                    return 0;
                default:
                    context.Error.WriteLine("Invalid format, valid formats are {json|pretty}");
                    return 1;
            }
        });
        return command;
    }

    /// <summary>The version, source revision (first 8 hex digits, or empty) and prerelease label of this build.</summary>
    internal static (string Version, string Revision, string Prerelease) Read()
    {
        var informational = typeof(VersionCommand)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var revision = plus >= 0 ? informational[(plus + 1)..] : "";
        var version = plus >= 0 ? informational[..plus] : informational;
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var prerelease = dash >= 0 ? version[(dash + 1)..] : "";
        version = dash >= 0 ? version[..dash] : version;
        return (version, revision.Length > 8 ? revision[..8] : revision, prerelease);
    }
}
