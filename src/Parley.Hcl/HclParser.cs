using System.Text.Json.Nodes;

namespace Parley.Hcl;

/// <summary>
/// Parses the HCL subset Consul's config entries, service definitions and agent config files use, into the
/// same <see cref="JsonNode"/> tree the equivalent JSON document would give. See docs/architecture/hcl.md for
/// the accepted syntax and how blocks, labels and repeated keys map to JSON.
/// </summary>
public static class HclParser
{
    /// <summary>Parses <paramref name="text"/> with <see cref="HclParseOptions.Default"/>.</summary>
    /// <param name="text">The HCL document.</param>
    /// <param name="fileName">Named in error messages when given, e.g. <c>peering.hcl</c>.</param>
    /// <returns>The document as a JSON object.</returns>
    /// <exception cref="HclException">The text is not valid HCL; the message names the file, line and column.</exception>
    public static JsonObject Parse(string text, string? fileName = null) => Parse(text, fileName, HclParseOptions.Default);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The HCL document.</param>
    /// <param name="fileName">Named in error messages when given, e.g. <c>peering.hcl</c>.</param>
    /// <param name="options">How blocks map to arrays and how deep nesting may go.</param>
    /// <returns>The document as a JSON object.</returns>
    /// <exception cref="HclException">The text is not valid HCL; the message names the file, line and column.</exception>
    public static JsonObject Parse(string text, string? fileName, HclParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return new HclSyntaxParser(text, fileName, options).ParseDocument();
    }

    /// <summary>
    /// True when the first character other than whitespace (and a byte-order mark) is <c>{</c> or <c>[</c>, so
    /// the caller should hand the text to System.Text.Json rather than to <see cref="Parse(string, string?)"/>.
    /// </summary>
    public static bool LooksLikeJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                continue;
            }

            return c is '{' or '[';
        }

        return false;
    }
}
