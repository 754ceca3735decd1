using System.Buffers;
using System.Text;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Forwarding;

/// <summary>The lean path's head parser: what it accepts, what it refuses as Kestrel would, and what it leaves to Kestrel.</summary>
public sealed class Http1HeadTests
{
    private static HeadStatus Read(string text, Http1Head? head = null, int segment = 0)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var sequence = segment > 0 ? ClientHellos.Segmented(bytes, segment) : new ReadOnlySequence<byte>(bytes);
        using var owned = head is null ? new Http1Head() : null;
        return (head ?? owned!).ReadRequest(sequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Request_ParsesFieldsAndFraming_HoweverItIsCut(int segment)
    {
        using var head = new Http1Head();

        var status =
            Read("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nX-A:  one \r\nx-a: two\r\nConnection: keep-alive," +
            " X-Hop\r\n\r\nbody", head, segment);

        Assert.Equal(HeadStatus.Complete, status);
        Assert.Equal(("POST", "/a?b=1", 12L), (head.Method, head.Target, head.ContentLength));
        Assert.Equal("one,two", head.Get("x-a"));
        Assert.True(head.ConnectionKeepAlive);
        Assert.Equal(["X-Hop"], head.ConnectionTokens!);
        Assert.Equal("one,two", head.RequestInfo().Headers["X-A"]);
    }

    [Fact]
    public void BareLineFeeds_AreAccepted()
    {
        using var head = new Http1Head();

        Assert.Equal(HeadStatus.Complete, Read("GET / HTTP/1.1\nHost: x\n\n", head));
        Assert.Equal("x", head.Get("host"));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHo")]
    [InlineData("GET / HT")]
    [InlineData("")]
    public void PartialHeads_WaitForMore(string text) => Assert.Equal(HeadStatus.Incomplete, Read(text));

    [Theory]
    [InlineData("GET / HTTP/1.0\r\nHost: x\r\n\r\n")]
    [InlineData("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\nHost: x\r\n\r\n")]
    public void WhatKestrelDoes_IsHandedOver(string text) => Assert.Equal(HeadStatus.HandOver, Read(text));

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET / HTTP/1.1 \r\nHost: x\r\n\r\n")]
    [InlineData("GET / XTTP/1.1\r\nHost: x\r\n\r\n")]
    public void Malformed_IsABadRequest(string text) => Assert.Equal(HeadStatus.BadRequest, Read(text));

    [Fact]
    public void Limits_AreKestrels()
    {
        Assert.Equal(HeadStatus.UriTooLong, Read($"GET /{new string('a', 9000)}"));
        Assert.Equal(HeadStatus.HeadersTooLarge, Read($"GET / HTTP/1.1\r\nHost: x\r\nX-A: {new string('a', 100 * 1024)}"));
        Assert.Equal(
            HeadStatus.HeadersTooLarge,
            Read("GET / HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: v\r\n")) + "\r\n"));
        Assert.Equal(
            HeadStatus.Complete,
            Read("GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Range(0, 99).Select(i => $"X-{i}: v\r\n")) + "Host: x\r\n\r\n"));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", 200, false, 5L, false)]
    [InlineData("HTTP/1.1 404\r\nTransfer-Encoding: chunked\r\n\r\n", 404, false, -1L, true)]
    [InlineData("HTTP/1.0 200 Fine thanks\r\n\r\n", 200, true, -1L, false)]
    public void Responses_AreParsed(string text, int status, bool http10, long length, bool chunked)
    {
        using var head = new Http1Head();

        Assert.Equal(HeadStatus.Complete, head.ReadResponse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text))));
        Assert.Equal((status, http10, length, chunked), (head.Status, head.Http10, head.ContentLength, head.Chunked));
    }
}
