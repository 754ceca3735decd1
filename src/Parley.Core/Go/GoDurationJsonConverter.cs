using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Core.Go;

/// <summary>
/// A <see cref="TimeSpan"/> as Consul's clients send durations: Go text (<c>"10s"</c>, as HashiCorp's Go client
/// always writes them) or a number of nanoseconds (Go's default <c>time.Duration</c> encoding). Also reads .NET's
/// <c>"00:00:10"</c>, the form Parley stored before. Writes Go text.
/// </summary>
public sealed class GoDurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc/>
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var nanos):
                return TimeSpan.FromTicks(nanos / 100);
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (GoDuration.TryParse(text, out var value, out var error))
                {
                    return value;
                }

                return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value) ? value : throw new JsonException(error);
            default:
                throw new JsonException($"a duration must be a string such as \"10s\" or a number of nanoseconds, not {reader.TokenType}");
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(GoDuration.Format(value));
    }
}
