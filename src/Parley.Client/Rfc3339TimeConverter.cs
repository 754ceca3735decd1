using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Client;

/// <summary>
/// Reads RFC 3339 times with any number of fractional digits (Go writes nanoseconds) and writes them as Go's
/// <c>time.RFC3339Nano</c> does: trailing fractional zeros trimmed, <c>Z</c> for UTC.
/// </summary>
internal sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected an RFC 3339 time, got null.");
        return Parse(text);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(Format(value));

    /// <summary>Parses an RFC 3339 time, truncating fractions finer than .NET's 100 ns tick.</summary>
    public static DateTimeOffset Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw new JsonException($"\"{text}\" is not an RFC 3339 time.");
        }

        return value;
    }

    /// <summary>Formats like Go's <c>time.RFC3339Nano</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + (value.Offset == TimeSpan.Zero ? "Z" : value.ToString("zzz", CultureInfo.InvariantCulture));
    }
}
