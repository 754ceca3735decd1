using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Core.Catalog;

/// <summary>
/// Reads and writes a <see cref="ServiceAddress"/> as Consul's <c>{"Address": "...", "Port": 0}</c> (keys in any case,
/// the port also as a string, as Go's weak decode takes it). An <c>"address:port"</c> string is read too: Parley's log
/// and snapshots stored service tagged addresses that way before they had a type, and an entry that cannot be decoded
/// would stop the server.
/// </summary>
public sealed class ServiceAddressJsonConverter : JsonConverter<ServiceAddress>
{
    public override ServiceAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return FromLegacy(reader.GetString() ?? "");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a tagged address must be an object with Address and Port");
        }

        var (address, port) = ("", 0);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? "";
            reader.Read();
            if (name.Equals("Address", StringComparison.OrdinalIgnoreCase))
            {
                address = reader.TokenType == JsonTokenType.Null ? "" : reader.GetString() ?? "";
            }
            else if (name.Equals("Port", StringComparison.OrdinalIgnoreCase))
            {
                port = reader.TokenType switch
                {
                    JsonTokenType.Number => reader.GetInt32(),
                    JsonTokenType.String
                        when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
                    JsonTokenType.Null => 0,
                    _ => throw new JsonException("the Port of a tagged address must be a number"),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return new ServiceAddress(address, port);
    }

    public override void Write(Utf8JsonWriter writer, ServiceAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("Address", value.Address);
        writer.WriteNumber("Port", value.Port);
        writer.WriteEndObject();
    }

    private static ServiceAddress FromLegacy(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new ServiceAddress(text[..colon], port)
            : new ServiceAddress(text, 0);
    }
}
