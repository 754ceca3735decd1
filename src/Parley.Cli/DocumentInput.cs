using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Hcl;

namespace Parley.Cli;

/// <summary>Reads an HCL or JSON document (a file, or standard input for <c>-</c>) into a JSON object.</summary>
internal static class DocumentInput
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The text of <paramref name="source"/>: standard input for <c>-</c>, else the file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static string ReadText(string source, CliContext context)
        => source == "-" ? context.In.ReadToEnd() : File.ReadAllText(source);

    /// <summary>
    /// Parses <paramref name="text"/> as JSON when it starts with <c>{</c>, else as HCL. Keys are kept as written;
    /// the agent decodes them case-insensitively with Consul's snake_case aliases.
    /// </summary>
    /// <exception cref="FormatException">The text is neither valid HCL nor a JSON object; the message says where.</exception>
    public static JsonObject Parse(string text, string? fileName)
    {
        try
        {
            if (HclParser.LooksLikeJson(text))
            {
                return JsonNode.Parse(text, documentOptions: JsonOptions) as JsonObject
                    ?? throw new FormatException("the document is not a JSON object");
            }

            return HclParser.Parse(text, fileName);
        }
        catch (JsonException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
        catch (HclException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
    }

    /// <summary>A string property by any casing of <paramref name="name"/>, or null.</summary>
    public static JsonNode? Property(JsonObject document, string name)
    {
        if (document.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in document)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
