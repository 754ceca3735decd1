using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Go;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Core.ConfigEntries;

/// <content>The Kubernetes custom-resource form (<c>apiVersion: consul.hashicorp.com/v1alpha1</c>).</content>
public static partial class ConfigEntryCodec
{
    /// <summary>The API version of Consul's Kubernetes custom resources.</summary>
    public const string KubernetesApiVersion = "consul.hashicorp.com/v1alpha1";

    /// <summary>
    /// Decodes one YAML document. A Kubernetes custom resource (<c>apiVersion</c>, <c>kind: ServiceResolver</c>,
    /// <c>metadata.name</c>, camelCase <c>spec</c>) maps to the same entry as its HCL/JSON form; a document with a
    /// top-level <c>Kind</c> is read as the plain Consul form.
    /// </summary>
    public static ConfigEntry DecodeYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var root = ParseYaml(yaml);
        if (!root.TryGetPropertyValue("apiVersion", out var apiVersionNode))
        {
            return Decode(root);
        }

        var apiVersion = apiVersionNode?.ToString() ?? "";
        if (!string.Equals(apiVersion, KubernetesApiVersion, StringComparison.Ordinal))
        {
            throw new ConfigEntryDecodeException($"unsupported apiVersion {GoQuote.Quote(apiVersion)}, expected {KubernetesApiVersion}");
        }

        var crdKind = root["kind"] is JsonValue kindValue && kindValue.TryGetValue<string>(out var k) ? k : "";
        if (!ConfigEntryKinds.TryNormalize(crdKind, out var kind))
        {
            throw new ConfigEntryDecodeException($"invalid config entry kind: {crdKind}");
        }

        var spec = root["spec"] switch
        {
            JsonObject obj => obj,
            null => new JsonObject(),
            _ => throw new ConfigEntryDecodeException("spec must be a map"),
        };
        var name = root["metadata"] is JsonObject metadata && metadata["name"] is JsonValue nameValue
            ? nameValue.ToString()
            : "";

        var entry = new JsonObject { ["Kind"] = kind };
        if (kind == ConfigEntryKinds.ServiceIntentions)
        {
            // The intention's destination, not the resource name, names the entry.
            if (Take(spec, "destination") is JsonObject destination)
            {
                if (Take(destination, "name") is JsonValue destinationName)
                {
                    name = destinationName.ToString();
                }

                if (Take(destination, "namespace") is JsonValue ns && ns.ToString() is not ("" or "default"))
                {
                    entry["Namespace"] = ns.ToString();
                }

                foreach (var (key, value) in destination)
                {
                    entry["destination." + key] = value?.DeepClone();
                }
            }
        }

        entry["Name"] = name;
        foreach (var (key, value) in spec)
        {
            entry[key] = value?.DeepClone();
        }

        return Decode(entry);
    }

    private static JsonNode? Take(JsonObject obj, string key)
    {
        foreach (var (k, v) in obj)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                obj.Remove(k);
                return v;
            }
        }

        return null;
    }

    private static JsonObject ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigEntryDecodeException(ex.Message, [ex.Message], ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new ConfigEntryDecodeException($"expected exactly one YAML document, found {stream.Documents.Count}");
        }

        return YamlToJson(stream.Documents[0].RootNode) as JsonObject
            ?? throw new ConfigEntryDecodeException("Payload does not contain a kind/Kind key at the top level");
    }

    private static JsonNode? YamlToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var keyText = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString();
                    obj[keyText] = YamlToJson(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(YamlToJson).ToArray());
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            default:
                return null;
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted and block scalars are always strings.
    private static JsonValue? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            default:
                break;
        }

        if (YamlInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (YamlFloat().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex YamlInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();
}
