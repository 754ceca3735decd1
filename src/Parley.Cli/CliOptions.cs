using System.CommandLine;

namespace Parley.Cli;

/// <summary>
/// Builds options that accept Consul's single-dash spelling (<c>-name web</c>, <c>-name=web</c>) as well as the
/// double-dash one (<c>--name web</c>, <c>--name=web</c>).
/// </summary>
internal static class CliOptions
{
    /// <summary>An option named <c>-<paramref name="name"/></c> with the alias <c>--<paramref name="name"/></c>.</summary>
    public static Option<T> Create<T>(string name, string description, string? helpName = null)
        => new("-" + name, "--" + name) { Description = description, HelpName = helpName };

    /// <summary>A repeatable string option (<c>-tag a -tag b</c>).</summary>
    public static Option<string[]> Repeatable(string name, string description, string? helpName = null)
        => new("-" + name, "--" + name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

    /// <summary>The <c>-format</c> option of commands that print <c>pretty</c> or <c>json</c>.</summary>
    public static Option<string> Format()
        => new("-format", "--format")
        {
            Description = "Output format {pretty|json}",
            DefaultValueFactory = _ => "pretty",
        };

    /// <summary>Whether the option was given on the command line (as opposed to defaulted).</summary>
    public static bool WasGiven(this ParseResult parseResult, Option option)
        => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>The option's value when given, null otherwise (for flags whose absence means "not set").</summary>
    public static T? GetValueIfGiven<T>(this ParseResult parseResult, Option<T> option)
        where T : struct
        => parseResult.WasGiven(option) ? parseResult.GetValue(option) : null;

    /// <summary>Whether <paramref name="format"/> is <c>pretty</c> or <c>json</c>; prints Consul's error when not.</summary>
    public static bool IsValidFormat(string? format, CliContext context)
    {
        if (format is "pretty" or "json")
        {
            return true;
        }

        context.Error.WriteLine("Invalid format, valid formats are {json|pretty}");
        return false;
    }
}
