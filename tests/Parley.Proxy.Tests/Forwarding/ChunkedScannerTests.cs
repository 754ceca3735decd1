using System.Text;
using Parley.Proxy.Forwarding.Http1;

namespace Parley.Proxy.Tests.Forwarding;

/// <summary>Where a chunked body ends, however it arrives, and which bodies break the syntax.</summary>
public sealed class ChunkedScannerTests
{
    private const string Body = "5\r\nhello\r\n1a;name=\"v\"\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: t\r\n\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void FindsTheEnd_ByteByByteOrAllAtOnce(int piece)
    {
        var bytes = Encoding.ASCII.GetBytes(Body + "GET /next");
        var scanner = default(ChunkedScanner);
        var taken = 0;
        for (var at = 0; at < bytes.Length && !scanner.Done; at += piece)
        {
            taken += scanner.Scan(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
        }

        Assert.True(scanner.Done);
        Assert.Equal(Body.Length, taken);
    }

    [Fact]
    public void AnEmptyBody_IsTheLastChunkAlone()
    {
        var scanner = default(ChunkedScanner);

        Assert.Equal(5, scanner.Scan("0\r\n\r\nX"u8));
        Assert.True(scanner.Done);
    }

    [Theory]
    [InlineData("x\r\n")]
    [InlineData("\r\n")]
    [InlineData("5\r\nhelloX\r\n")]
    [InlineData("5\r\nhello\r\n0\r\nBad\u0001\r\n\r\n")]
    [InlineData("fffffffffffffff\r\n")]
    public void BrokenBodies_AreMalformed(string body)
    {
        var scanner = default(ChunkedScanner);

        scanner.Scan(Encoding.Latin1.GetBytes(body));

        Assert.True(scanner.Malformed);
    }

    [Fact]
    public void AnEndlessChunkSizeLine_IsMalformed()
    {
        var scanner = default(ChunkedScanner);

        scanner.Scan(Encoding.ASCII.GetBytes("1;" + new string('e', 5000)));

        Assert.True(scanner.Malformed);
    }
}
