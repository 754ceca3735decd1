namespace Parley.Cli;

/// <summary>Parses Consul's repeatable <c>key=value</c> and comma-separated list flags.</summary>
internal static class KeyValueFlags
{
    /// <summary>
    /// Parses <c>-meta k=v</c> values into a map (later values win), or prints Go's flag error and returns null,
    /// e.g. <c>invalid value "x" for flag -meta: Missing "=" value in argument: x</c>.
    /// </summary>
    public static Dictionary<string, string>? ParseMap(IEnumerable<string>? values, string flag, CliContext context)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                context.Error.WriteLine($"invalid value \"{value}\" for flag -{flag}: Missing \"=\" value in argument: {value}");
                return null;
            }

            map[value[..equals]] = value[(equals + 1)..];
        }

        return map;
    }

    /// <summary>Splits repeatable, comma-separated values (<c>-x a,b -x c</c>) into one list, dropping blanks.</summary>
    public static List<string> SplitList(IEnumerable<string>? values)
        => [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}
