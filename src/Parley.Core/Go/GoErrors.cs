namespace Parley.Core.Go;

/// <summary>The error-list formats of the Go libraries Consul uses, so multi-error texts read the same.</summary>
internal static class GoErrors
{
    /// <summary>go-multierror's list format: <c>1 error occurred:\n\t* msg\n\n</c>.</summary>
    public static string MultiError(IReadOnlyList<string> errors)
    {
        if (errors.Count == 1)
        {
            return $"1 error occurred:\n\t* {errors[0]}\n\n";
        }

        var points = errors.Select(e => "* " + e);
        return $"{errors.Count} errors occurred:\n\t{string.Join("\n\t", points)}\n\n";
    }

    /// <summary>mapstructure's decode error format: <c>N error(s) decoding:\n\n* msg</c>.</summary>
    public static string DecodingErrors(IReadOnlyList<string> errors)
    {
        var sorted = errors.Order(StringComparer.Ordinal).Select(e => "* " + e);
        return $"{errors.Count} error(s) decoding:\n\n{string.Join("\n", sorted)}";
    }
}
