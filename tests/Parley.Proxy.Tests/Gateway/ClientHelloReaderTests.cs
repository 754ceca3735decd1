using System.Buffers;
using System.Security.Authentication;
using System.Text;
using Parley.Proxy.Gateway;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Gateway;

public sealed class ClientHelloReaderTests
{
    private const string Sni = "backend.default.default.cluster-02.external.11111111-2222-3333-4444-555555555555.consul";

    private static (ClientHelloStatus Status, string? Name) Read(byte[] data) => Read(new ReadOnlySequence<byte>(data));

    private static (ClientHelloStatus Status, string? Name) Read(ReadOnlySequence<byte> data)
    {
        var status = ClientHelloReader.TryRead(data, out var name);
        return (status, name);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12 | SslProtocols.Tls13)]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task TryRead_RealClientHello_FindsTheServerName(SslProtocols protocols)
    {
        var hello = await ClientHellos.CaptureAsync(Sni, protocols);

        Assert.Equal((ClientHelloStatus.ServerName, Sni), Read(hello));
    }

    [Fact]
    public async Task TryRead_EveryPrefix_IsIncompleteUntilTheLastByte()
    {
        var hello = await ClientHellos.CaptureAsync(Sni);

        for (var length = 0; length < hello.Length; length++)
        {
            Assert.Equal(ClientHelloStatus.Incomplete, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(hello, 0, length), out _));
        }

        Assert.Equal((ClientHelloStatus.ServerName, Sni), Read(hello));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task TryRead_ManySegments_ReadsTheSame(int segment)
    {
        var hello = await ClientHellos.CaptureAsync(Sni);

        Assert.Equal((ClientHelloStatus.ServerName, Sni), Read(ClientHellos.Segmented(hello, segment)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50)]
    public async Task TryRead_HandshakeSplitOverManyRecords_IsReassembled(int fragment)
    {
        var hello = ClientHellos.Refragment(await ClientHellos.CaptureAsync(Sni), fragment);

        Assert.Equal((ClientHelloStatus.ServerName, Sni), Read(hello));
        Assert.Equal(
            ClientHelloStatus.Incomplete, ClientHelloReader.TryRead(new ReadOnlySequence<byte>(hello, 0, hello.Length - 1), out _));
    }

    [Fact]
    public async Task TryRead_ClientHelloToAnAddress_HasNoServerName()
    {
        // SslStream sends no SNI for an IP literal (RFC 6066 forbids it).
        var hello = await ClientHellos.CaptureAsync("127.0.0.1");

        Assert.Equal((ClientHelloStatus.NoServerName, null), Read(hello));
    }

    [Fact]
    public async Task TryRead_BytesAfterTheClientHello_DoNotMatter()
    {
        var hello = await ClientHellos.CaptureAsync(Sni);

        Assert.Equal((ClientHelloStatus.ServerName, Sni), Read([.. hello, 23, 3, 3, 0, 1, 0]));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    [InlineData("\u0016\u0002")]
    [InlineData("\u0017\u0003\u0003\u0000\u0005hello")]
    [InlineData("\u0015\u0003\u0003\u0000\u0002\u0002\u0028")]
    public void TryRead_NotAClientHello_IsInvalid(string text)
    {
        Assert.Equal((ClientHelloStatus.Invalid, null), Read(Encoding.Latin1.GetBytes(text)));
    }

    [Fact]
    public void TryRead_SslV2Hello_IsInvalid()
    {
        Assert.Equal(ClientHelloStatus.Invalid, Read([0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15]).Status);
    }

    [Fact]
    public void TryRead_AnotherHandshakeMessage_IsInvalid()
    {
        var serverHello = ClientHellos.Craft([]);
        serverHello[5] = 2;

        Assert.Equal(ClientHelloStatus.Invalid, Read(serverHello).Status);
    }

    [Fact]
    public void TryRead_OversizedClientHello_IsInvalidBeforeItArrives()
    {
        // A handshake header announcing 1 MiB: refused from the first record, not buffered.
        byte[] start = [22, 3, 1, 0, 4, 1, 0x10, 0, 0];

        Assert.Equal(ClientHelloStatus.Invalid, Read(start).Status);
    }

    [Fact]
    public void TryRead_EmptyOrPartialHeader_IsIncomplete()
    {
        Assert.Equal(ClientHelloStatus.Incomplete, Read([]).Status);
        Assert.Equal(ClientHelloStatus.Incomplete, Read([22]).Status);
        Assert.Equal(ClientHelloStatus.Incomplete, Read([22, 3, 1]).Status);
        Assert.Equal(ClientHelloStatus.Invalid, Read([22, 9]).Status);
    }

    [Fact]
    public void TryRead_CraftedServerName_IsRead()
    {
        Assert.Equal(
            (ClientHelloStatus.ServerName, "a.b-c_d.example"), Read(ClientHellos.Craft(ClientHellos.ServerName((0, "a.b-c_d.example")))));
    }

    [Fact]
    public void TryRead_NoExtensionsOrNoHostName_HasNoServerName()
    {
        Assert.Equal(ClientHelloStatus.NoServerName, Read(ClientHellos.Craft(null)).Status);
        Assert.Equal(ClientHelloStatus.NoServerName, Read(ClientHellos.Craft([])).Status);
        Assert.Equal(ClientHelloStatus.NoServerName, Read(ClientHellos.Craft((16, [0, 3, 2, (byte)'h', (byte)'2']))).Status);
        Assert.Equal(ClientHelloStatus.NoServerName, Read(ClientHellos.Craft(ClientHellos.ServerName((7, "other")))).Status);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("trailing.dot.")]
    [InlineData("ünïcode")]
    [InlineData("")]
    public void TryRead_MalformedHostName_IsInvalid(string name)
    {
        Assert.Equal(ClientHelloStatus.Invalid, Read(ClientHellos.Craft(ClientHellos.ServerName((0, name)))).Status);
    }

    [Fact]
    public void TryRead_RepeatedServerNameExtension_IsInvalid()
    {
        var sni = ClientHellos.ServerName((0, "a.example"));

        Assert.Equal(ClientHelloStatus.Invalid, Read(ClientHellos.Craft(sni, sni)).Status);
    }

    [Fact]
    public void TryRead_ExtensionLengthPastTheEnd_IsInvalid()
    {
        var hello = ClientHellos.Craft(ClientHellos.ServerName((0, "a.example")));

        // The server_name extension's length (after its 2-byte type; then list length, name type, name length, name) grows past the
        // message.
        var at = hello.Length - "a.example".Length - 2 - 1 - 2 - 2;
        hello[at] = 0xff;

        Assert.Equal(ClientHelloStatus.Invalid, Read(hello).Status);
    }

    [Fact]
    public void TryRead_RandomBytes_NeverThrow()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            if (data.Length > 0 && random.Next(2) == 0)
            {
                data[0] = 22;
            }

            var status = ClientHelloReader.TryRead(new ReadOnlySequence<byte>(data), out var name);

            Assert.True(status != ClientHelloStatus.ServerName || name is { Length: > 0 });
        }
    }
}
