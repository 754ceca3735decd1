using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Cli.Commands.Config;

/// <summary>A config entry read from HCL, JSON or Kubernetes-style YAML, with the kind and name the messages mention.</summary>
/// <param name="Entry">The document, sent to the agent as written (YAML is first mapped to Consul's JSON form).</param>
/// <param name="Kind">The entry's kind.</param>
/// <param name="Name">The entry's name (empty when the document has none).</param>
internal sealed record ConfigEntryInput(JsonObject Entry, string Kind, string Name)
{
    // The kinds Consul's api package knows (api.MakeConfigEntry); others are refused before anything is sent.
    private static readonly HashSet<string> KnownKinds = new(StringComparer.Ordinal)
    {
        "service-defaults", "proxy-defaults", "service-router", "service-splitter", "service-resolver", "ingress-gateway",
        "terminating-gateway", "service-intentions", "mesh", "exported-services", "sameness-group", "api-gateway",
        "bound-api-gateway", "http-route", "tcp-route", "inline-certificate", "file-system-certificate", "jwt-provider",
        "rate-limit-ip", "control-plane-request-limit",
    };

    /// <summary>Decodes <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not HCL/JSON/YAML, no string kind, or an unknown kind; the message is Consul's.</exception>
    public static ConfigEntryInput Parse(string text, string? fileName)
    {
        var entry = IsYaml(text, fileName) ? FromYaml(text) : DocumentInput.Parse(text, fileName);
        var kindNode = entry[nameof(Kind)] ?? entry["kind"] ?? DocumentInput.Property(entry, nameof(Kind))
            ?? throw new FormatException("Payload does not contain a kind/Kind key at the top level");
        if (kindNode is not JsonValue kindValue || !kindValue.TryGetValue<string>(out var kind))
        {
            throw new FormatException("Kind value in payload is not a string");
        }

        if (!KnownKinds.Contains(kind))
        {
            throw new FormatException($"invalid config entry kind: {kind}");
        }

        var name = DocumentInput.Property(entry, "Name") is JsonValue nameValue && nameValue.TryGetValue<string>(out var text2)
            ? text2
            : "";
        return new ConfigEntryInput(entry, kind, name);
    }

    // A .yaml/.yml file, or (for standard input and other names) a document that opens with Kubernetes' apiVersion
    // key, which neither HCL nor JSON can start with unquoted.
    private static bool IsYaml(string text, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#' || trimmed.SequenceEqual("---"))
            {
                continue;
            }

            return trimmed.StartsWith("apiVersion:", StringComparison.Ordinal);
        }

        return false;
    }

    // The YAML form is decoded to the entry it describes and sent in Consul's canonical JSON, which the agent decodes
    // like any other write.
    private static JsonObject FromYaml(string text)
    {
        try
        {
            return ConfigEntryCodec.Encode(ConfigEntryCodec.DecodeYaml(text));
        }
        catch (ConfigEntryDecodeException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
    }
}
