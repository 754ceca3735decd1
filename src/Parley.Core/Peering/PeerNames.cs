using System.Text.RegularExpressions;

namespace Parley.Core.Peering;

/// <summary>Consul's rule for peer names: a lower-case RFC 1123 DNS label of 1 to 63 characters.</summary>
public static partial class PeerNames
{
    /// <summary>The reason Consul gives for a bad name, after <c>&lt;name&gt; is not a valid peer name: </c>.</summary>
    public const string Rule =
        "a valid peering name must consist of lower case alphanumeric characters or '-', " +
        "and must start and end with an alphanumeric character";

    /// <summary>True when <paramref name="name"/> is a valid peer name.</summary>
    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    /// <summary>
    /// Returns Consul's error text for an invalid name
    /// (<c>&lt;name&gt; is not a valid peer name: a valid peering name must ...</c>), or <see langword="null"/> when valid.
    /// </summary>
    public static string? Validate(string? name) => IsValid(name) ? null : $"{name} is not a valid peer name: {Rule}";

    // Upper case is refused (unlike node and service names) so that lookups never depend on case.
    // `$` in .NET also matches before a final newline; `\z` does not, which is what Go's `$` means here.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
