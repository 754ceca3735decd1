namespace Parley.Cli.Commands.Acl;

/// <summary>Consul's data-source flags: <c>@file</c> reads a file, <c>-</c> standard input, anything else is the value itself.</summary>
internal static class AclRulesInput
{
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static string Load(string value, CliContext context) => value switch
    {
        "-" => context.In.ReadToEnd(),
        ['@', .. var path] => File.ReadAllText(path),
        _ => value,
    };
}
