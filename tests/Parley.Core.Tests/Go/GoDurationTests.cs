using Parley.Core.Go;

namespace Parley.Core.Tests.Go;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(15_000L, "15s")]
    [InlineData(90_000L, "1m30s")]
    [InlineData(3_600_000L, "1h0m0s")]
    [InlineData(500L, "500ms")]
    [InlineData(1_500L, "1.5s")]
    [InlineData(-15_000L, "-15s")]
    [InlineData(86_400_000L, "24h0m0s")]
    public void Format_Milliseconds_LikeGo(long milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Format_SubMillisecond_UsesMicroAndNanoUnits()
    {
        Assert.Equal("1.5\u00b5s", GoDuration.Format(TimeSpan.FromTicks(15)));
        Assert.Equal("100ns", GoDuration.Format(TimeSpan.FromTicks(1)));
    }

    [Theory]
    [InlineData("15s", 15_000L)]
    [InlineData("1m30s", 90_000L)]
    [InlineData("1h", 3_600_000L)]
    [InlineData("1.5h", 5_400_000L)]
    [InlineData("500ms", 500L)]
    [InlineData("0", 0L)]
    [InlineData("-2s", -2_000L)]
    [InlineData("1h2m3s4ms", 3_723_004L)]
    public void Parse_GoText_GivesTheDuration(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("abc", "time: invalid duration \"abc\"")]
    [InlineData("15", "time: missing unit in duration \"15\"")]
    [InlineData("15x", "time: unknown unit \"x\" in duration \"15x\"")]
    [InlineData("", "time: invalid duration \"\"")]
    public void TryParse_BadText_GivesGosMessage(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("15s")]
    [InlineData("1m30s")]
    [InlineData("1h0m0s")]
    [InlineData("500ms")]
    [InlineData("2h45m10.5s")]
    public void FormatParse_RoundTrips(string text) => Assert.Equal(text, GoDuration.Format(GoDuration.Parse(text)));
}
