using Parley.Core.Go;

namespace Parley.Core.Tests.Go;

public sealed class GoQuoteAndTimeTests
{
    // Each expected text is what Go's fmt.Sprintf("%q", s) prints for the same string.
    [Theory]
    [InlineData("web", "\"web\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"")]
    [InlineData("x\u0001y\u001fz\u007f", "\"x\\x01y\\x1fz\\x7f\"")]
    [InlineData("\u0085", "\"\\u0085\"")]
    [InlineData("caf\u00e9 \U0001F600", "\"caf\u00e9 \U0001F600\"")]
    [InlineData("", "\"\"")]
    public void Quote_prints_what_Gos_percent_q_prints(string value, string expected) =>
        Assert.Equal(expected, GoQuote.Quote(value));

    [Fact]
    public void Quote_turns_a_lone_surrogate_into_the_replacement_character_as_Go_receives_it() =>
        Assert.Equal("\"a\uFFFDb\"", GoQuote.Quote("a\uD800b"));

    [Fact]
    public void Format_is_RFC3339_in_UTC_with_trailing_zeros_trimmed()
    {
        var time = new DateTimeOffset(2024, 5, 1, 12, 0, 15, TimeSpan.FromHours(2)).AddTicks(1_230_000);
        Assert.Equal("2024-05-01T10:00:15.123Z", GoTime.Format(time));
        Assert.Equal("2024-05-01T10:00:15Z", GoTime.Format(new DateTimeOffset(2024, 5, 1, 10, 0, 15, TimeSpan.Zero)));
        Assert.Null(GoTime.FormatOrNull(null));
    }

    [Fact]
    public void ToGoString_is_Gos_time_String_with_the_zone_named_only_for_UTC()
    {
        var utc = new DateTimeOffset(2024, 5, 1, 10, 0, 15, TimeSpan.Zero).AddTicks(1_230_000);
        Assert.Equal("2024-05-01 10:00:15.123 +0000 UTC", GoTime.ToGoString(utc));
        var east = new DateTimeOffset(2024, 5, 1, 12, 0, 15, TimeSpan.FromMinutes(330));
        Assert.Equal("2024-05-01 12:00:15 +0530", GoTime.ToGoString(east));
        Assert.Equal("<nil>", GoTime.ToGoString(null));
    }
}
