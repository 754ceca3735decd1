using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeeringTokenCodecTests
{
    private const string ServerName = "server.dc1.peering.7c3c5f0e-1111-2222-3333-444444444444.consul";

    // A self-signed CA certificate in PEM, as a cluster's Connect root travels in a token; the codec looks only at its shape.
    private static readonly Lazy<string> CaPem = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Parley Test CA 7c3c5f0e", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem() + "\n";
    });

    private static PeeringToken FullToken() => new()
    {
        CA = [CaPem.Value],
        ManualServerAddresses = null,
        ServerAddresses = ["10.0.0.5:8503", "10.0.0.6:8503"],
        ServerName = ServerName,
        PeerID = "9e2b0e7a-5b1c-4a53-9a57-6a0c5e7e3f11",
        EstablishmentSecret = "0b7f4c31-2d7e-4e4b-8a1f-0f5d1f9b9c77",
        Remote = new PeeringTokenRemote { Partition = "default", Datacenter = "dc1" },
    };

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static string DecodeError(string encoded)
    {
        Assert.False(PeeringTokenCodec.TryDecode(encoded, out var token, out var error));
        Assert.Null(token);
        return error;
    }

    // --- encoding ---

    [Fact]
    public void ToJson_Token_IsGoJsonMarshalByteForByte()
    {
        var token = FullToken() with { CA = null };

        Assert.Equal(
            """{"CA":null,"ManualServerAddresses":null,"ServerAddresses":["10.0.0.5:8503","10.0.0.6:8503"],"ServerName":"server""" +
            """.dc1.peering.7c3c5f0e-1111-2222-3333-444444444444.consul","PeerID":"9e2b0e7a-5b1c-4a53-9a57-6a0c5e7e3f11","Establish""" +
            """mentSecret":"0b7f4c31-2d7e-4e4b-8a1f-0f5d1f9b9c77","Remote":{"Partition":"default","Datacenter":"dc1","Locality":null}}""",
            PeeringTokenCodec.ToJson(token));
    }

    [Fact]
    public void ToJson_TokenThatExpires_AddsExpiresAtAfterRemoteAndDecodesBack()
    {
        var token = FullToken() with { CA = null, ExpiresAt = new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero) };

        var json = PeeringTokenCodec.ToJson(token);
        var decoded = PeeringTokenCodec.Decode(PeeringTokenCodec.Encode(token));

        Assert.EndsWith("""
            "Locality":null},"ExpiresAt":"2026-12-07T15:00:00Z"}
            """, json, StringComparison.Ordinal);
        Assert.Equal(token.ExpiresAt, decoded.ExpiresAt);
    }

    [Fact]
    public void Decode_ExpiresAtNotATime_FailsWithGosText()
    {
        var json = PeeringTokenCodec.ToJson(FullToken() with { CA = null })[..^1] + ""","ExpiresAt":"soon"}""";

        Assert.StartsWith("parsing time \"soon\"", DecodeError(B64(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Token_IsStandardBase64OfTheJson()
    {
        var token = FullToken();

        var encoded = PeeringTokenCodec.Encode(token);

        Assert.Equal(B64(PeeringTokenCodec.ToJson(token)), encoded);
        Assert.Matches("^[A-Za-z0-9+/]*={0,2}$", encoded);
        Assert.Equal(0, encoded.Length % 4);
    }

    [Fact]
    public void ToJson_PemNewlines_AreEscapedAsGoDoes()
    {
        var json = PeeringTokenCodec.ToJson(FullToken());

        Assert.StartsWith("""{"CA":["-----BEGIN CERTIFICATE-----\n""", json, StringComparison.Ordinal);
        Assert.Contains("""-----END CERTIFICATE-----\n"],"ManualServerAddresses":null,""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_HtmlAndLineSeparators_AreEscapedAsGoDoes()
    {
        var token = new PeeringToken { PeerID = "<a&b>\u2028\u2029\u0001\"\\\t\b\fé" };

        Assert.Contains(
            "\"PeerID\":\"\\u003ca\\u0026b\\u003e\\u2028\\u2029\\u0001\\\"\\\\\\t\\b\\fé\",",
            PeeringTokenCodec.ToJson(token),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_EmptyListsAndLocality_KeepGoShapes()
    {
        var token = new PeeringToken
        {
            CA = [],
            ManualServerAddresses = ["lb.example:8503"],
            Remote = new PeeringTokenRemote { Locality = new Locality { Region = "us-east-1" } },
        };

        Assert.Equal(
            """{"CA":[],"ManualServerAddresses":["lb.example:8503"],"ServerAddresses":null,"ServerName":"","PeerID":"","Establishment""" +
            """Secret":"","Remote":{"Partition":"","Datacenter":"","Locality":{"Region":"us-east-1"}}}""",
            PeeringTokenCodec.ToJson(token));
    }

    // --- round trip ---

    [Fact]
    public void Decode_EncodedToken_RoundTrips()
    {
        var token = FullToken() with
        {
            ManualServerAddresses = ["lb.example:8503"],
            Remote = new PeeringTokenRemote
            {
                Partition = "default",
                Datacenter = "dc1",
                Locality = new Locality { Region = "r", Zone = "z" },
            },
        };

        var decoded = PeeringTokenCodec.Decode(PeeringTokenCodec.Encode(token));

        Assert.Equal(token.CA, decoded.CA);
        Assert.Equal(token.ManualServerAddresses, decoded.ManualServerAddresses);
        Assert.Equal(token.ServerAddresses, decoded.ServerAddresses);
        Assert.Equal(token.ServerName, decoded.ServerName);
        Assert.Equal(token.PeerID, decoded.PeerID);
        Assert.Equal(token.EstablishmentSecret, decoded.EstablishmentSecret);
        Assert.Equal(token.Remote, decoded.Remote);
        Assert.Equal(PeeringTokenCodec.Encode(token), PeeringTokenCodec.Encode(decoded));
    }

    [Fact]
    public void Decode_NullLists_StayNull()
    {
        var decoded = PeeringTokenCodec.Decode(PeeringTokenCodec.Encode(FullToken() with { CA = null }));

        Assert.Null(decoded.CA);
        Assert.Null(decoded.ManualServerAddresses);
        Assert.Null(decoded.Remote.Locality);
    }

    [Fact]
    public void Decode_KeysInAnyCase_AreMatchedAsGoDoes()
    {
        // "ſ" (long s) folds to 's' in Go's key matching.
        var json = """{"ca":null,"serveraddresses":["1.2.3.4:8503"],"ſERVERNAME":"sn","PEERID":"p","eStAbLiShMeNtSeCrEt":"s","re""" +
                   """mote":{"partition":"default","DATACENTER":"dc9","locality":{"REGION":"r"}},"Unknown":[1,{"x":null}]}""";

        var token = PeeringTokenCodec.Decode(B64(json));

        Assert.Equal(["1.2.3.4:8503"], token.ServerAddresses);
        Assert.Equal("sn", token.ServerName);
        Assert.Equal("p", token.PeerID);
        Assert.Equal("s", token.EstablishmentSecret);
        Assert.Equal(
            new PeeringTokenRemote { Partition = "default", Datacenter = "dc9", Locality = new Locality { Region = "r" } },
            token.Remote);
    }

    [Fact]
    public void Decode_DuplicateKeysAndNulls_FollowGoSemantics()
    {
        // Later keys win; null leaves a string alone; a second Remote object merges into the first.
        var json = """{"ServerAddresses":["a:1"],"serveraddresses":["b:2"],"PeerID":"p","PeerID":null,"Remote":{"Data""" +
                   """center":"dc1"},"Remote":{"Partition":"default"},"Remote":null}""";

        var token = PeeringTokenCodec.Decode(B64(json));

        Assert.Equal(["b:2"], token.ServerAddresses);
        Assert.Equal("p", token.PeerID);
        Assert.Equal("dc1", token.Remote.Datacenter);
        Assert.Equal("default", token.Remote.Partition);
    }

    [Fact]
    public void Decode_Base64WithLineBreaks_IsAccepted()
    {
        var encoded = PeeringTokenCodec.Encode(FullToken());
        var wrapped = string.Join("\r\n", encoded.Chunk(76).Select(c => new string(c))) + "\n";

        Assert.Equal(FullToken().PeerID, PeeringTokenCodec.Decode(wrapped).PeerID);
    }

    [Fact]
    public void Decode_Invalid_ThrowsRejectedWithConsulText()
    {
        var e = Assert.Throws<ParleyException>(() => PeeringTokenCodec.Decode("!"));

        Assert.Equal(ErrorCode.Rejected, e.Code);
        Assert.Equal("failed to decode token: illegal base64 data at input byte 0", e.Message);
    }

    // --- step 2: base64, offsets as Go's encoding/base64 reports them ---

    [Theory]
    [InlineData("!!!!", 0)]
    [InlineData("====", 0)]
    [InlineData("x===", 1)]
    [InlineData("=AAA", 0)]
    [InlineData("A=AA", 1)]
    [InlineData("AA=A", 2)]
    [InlineData("AA==A", 4)]
    [InlineData("AAA=AAAA", 4)]
    [InlineData("AAAAA", 4)]
    [InlineData("AAAAAA", 4)]
    [InlineData("A=", 1)]
    [InlineData("A==", 1)]
    [InlineData("AA=", 3)]
    [InlineData("AAAAAA=", 7)]
    [InlineData("YWJjZA=====", 8)]
    [InlineData("A!\n", 1)]
    [InlineData("A=\n", 1)]
    [InlineData("QUJD", -1)]
    [InlineData("QUJ", 0)]
    [InlineData("eyJ9-_", 4)] // URL-safe alphabet is not standard Base64
    [InlineData("eyJ9 ", 4)]
    [InlineData("é", 0)]
    public void Decode_BadBase64_ReportsGoOffset(string encoded, int offset)
    {
        var error = DecodeError(encoded);

        if (offset < 0)
        {
            Assert.DoesNotContain("base64", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"failed to decode token: illegal base64 data at input byte {offset}", error);
        }
    }

    // --- step 3: JSON, texts as Go's encoding/json reports them ---

    [Theory]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("   ", "unexpected end of JSON input")]
    [InlineData("""{"CA":""", "unexpected end of JSON input")]
    [InlineData("""{"PeerID":"abc""", "unexpected end of JSON input")]
    [InlineData("""{"CA" x""", "invalid character 'x' after object key")]
    [InlineData("""{"a":1 "b":2}""", "invalid character '\"' after object key:value pair")]
    [InlineData("""{1:2}""", "invalid character '1' looking for beginning of object key string")]
    [InlineData("""{"a":1,}""", "invalid character '}' looking for beginning of object key string")]
    [InlineData("""[1,]""", "invalid character ']' looking for beginning of value")]
    [InlineData("""[1 2]""", "invalid character '2' after array element")]
    [InlineData("""{} x""", "invalid character 'x' after top-level value")]
    [InlineData("""{}}""", "invalid character '}' after top-level value")]
    [InlineData("nope", "invalid character 'o' in literal null (expecting 'u')")]
    [InlineData("tru", "unexpected end of JSON input")]
    [InlineData("trUe", "invalid character 'U' in literal true (expecting 'u')")]
    [InlineData("fals3", "invalid character '3' in literal false (expecting 'e')")]
    [InlineData("hello", "invalid character 'h' looking for beginning of value")]
    [InlineData("'x'", "invalid character '\\'' looking for beginning of value")]
    [InlineData("""{"a":"\q"}""", "invalid character 'q' in string escape code")]
    [InlineData("""{"a":"\u12g4"}""", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("{\"a\":\"tab\there\"}", "invalid character '\\t' in string literal")]
    [InlineData("-x", "invalid character 'x' in numeric literal")]
    [InlineData("1.x", "invalid character 'x' after decimal point in numeric literal")]
    [InlineData("1ex", "invalid character 'x' in exponent of numeric literal")]
    [InlineData("01", "invalid character '1' after top-level value")]
    [InlineData("\u0001", "invalid character '\\x01' looking for beginning of value")]
    public void Decode_BadJson_ReportsGoText(string json, string expected)
    {
        Assert.Equal(expected, DecodeError(B64(json)));
    }

    [Fact]
    public void Decode_NonAsciiByteOutsideValue_QuotesItAsGoDoes()
    {
        var encoded = Convert.ToBase64String([(byte)'{', 0xC3, (byte)'}']);

        Assert.Equal("invalid character 'Ã' looking for beginning of object key string", DecodeError(encoded));
    }

    [Fact]
    public void Decode_SyntaxErrorAfterTypeError_ReportsTheSyntaxError()
    {
        // Go checks the whole document's syntax before decoding any value.
        Assert.Equal("unexpected end of JSON input", DecodeError(B64("""{"PeerID":5,""")));
    }

    [Theory]
    [InlineData("""[]""", "json: cannot unmarshal array into Go value of type structs.PeeringToken")]
    [InlineData("\"tok\"", "json: cannot unmarshal string into Go value of type structs.PeeringToken")]
    [InlineData("""{"ServerName":5}""", "json: cannot unmarshal number into Go struct field PeeringToken.ServerName of type string")]
    [InlineData("""{"PeerID":true}""", "json: cannot unmarshal bool into Go struct field PeeringToken.PeerID of type string")]
    [InlineData("""{"CA":"pem"}""", "json: cannot unmarshal string into Go struct field PeeringToken.CA of type []string")]
    [InlineData("""{"ServerAddresses":["a:1",{}]}""",
        "json: cannot unmarshal object into Go struct field PeeringToken.ServerAddresses of type string")]
    [InlineData("""{"Remote":[]}""",
        "json: cannot unmarshal array into Go struct field PeeringToken.Remote of type structs.PeeringTokenRemote")]
    [InlineData("""{"Remote":{"Datacenter":1}}""",
        "json: cannot unmarshal number into Go struct field PeeringToken.Remote.Datacenter of type string")]
    [InlineData("""{"Remote":{"Locality":"x"}}""",
        "json: cannot unmarshal string into Go struct field PeeringToken.Remote.Locality of type structs.Locality")]
    [InlineData("""{"Remote":{"Locality":{"Zone":[]}}}""",
        "json: cannot unmarshal array into Go struct field PeeringToken.Remote.Locality.Zone of type string")]
    public void Decode_WrongJsonType_ReportsGoText(string json, string expected)
    {
        Assert.Equal(expected, DecodeError(B64(json)));
    }

    [Fact]
    public void Decode_JsonNull_IsAnEmptyTokenThatFailsValidation()
    {
        Assert.Equal("peering token server addresses value is empty", DecodeError(B64("null")));
    }

    // --- steps 4 to 8: validation, in Consul's order ---

    [Fact]
    public void Decode_CaNotPem_ReportsInvalidCa()
    {
        var token = FullToken() with { CA = ["not a certificate"], ServerAddresses = [] };

        Assert.Equal("peering token invalid CA: no PEM-encoded data found", DecodeError(PeeringTokenCodec.Encode(token)));
    }

    [Fact]
    public void Decode_CaPemOfWrongType_ReportsInvalidCa()
    {
        var pem = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";

        Assert.Equal(
            "peering token invalid CA: first PEM-block should be CERTIFICATE type",
            DecodeError(PeeringTokenCodec.Encode(FullToken() with { CA = [pem] })));
    }

    [Fact]
    public void Decode_CaPemWithGarbageDer_ReportsMalformedCertificate()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n";

        Assert.Equal(
            "peering token invalid CA: x509: malformed certificate",
            DecodeError(PeeringTokenCodec.Encode(FullToken() with { CA = [pem] })));
    }

    [Fact]
    public void Decode_SecondCaInvalid_IsCheckedToo()
    {
        Assert.StartsWith(
            "peering token invalid CA: ",
            DecodeError(PeeringTokenCodec.Encode(FullToken() with { CA = [CaPem.Value, "junk"] })),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CaWithLeadingTextAndNoTrailingNewline_IsAccepted()
    {
        var pem = "Root of cluster 1\n" + CaPem.Value.TrimEnd('\n');

        Assert.True(PeeringTokenCodec.TryDecode(PeeringTokenCodec.Encode(FullToken() with { CA = [pem] }), out _, out var error), error);
    }

    [Fact]
    public void Decode_NoServerAddresses_ReportsEmpty()
    {
        var token = FullToken() with { ServerAddresses = [], ManualServerAddresses = null, ServerName = "", PeerID = "" };

        Assert.Equal("peering token server addresses value is empty", DecodeError(PeeringTokenCodec.Encode(token)));
    }

    [Fact]
    public void Decode_OnlyManualAddresses_IsAccepted()
    {
        var token = FullToken() with { ServerAddresses = null, ManualServerAddresses = ["lb.example:8503"] };

        var decoded = PeeringTokenCodec.Decode(PeeringTokenCodec.Encode(token));

        Assert.Equal(["lb.example:8503"], decoded.DialAddresses);
    }

    [Fact]
    public void Decode_BadServerAddress_ReportsIt()
    {
        var token = FullToken() with { ServerAddresses = ["10.0.0.5:8503", "10.0.0.6"] };

        Assert.Equal("10.0.0.6 is not a valid peering server address", DecodeError(PeeringTokenCodec.Encode(token)));
    }

    [Fact]
    public void Decode_BadManualAndServerAddresses_ReportsTheManualOneFirst()
    {
        var token = FullToken() with { ManualServerAddresses = ["lb:0"], ServerAddresses = ["also-bad"] };

        Assert.Equal("lb:0 is not a valid peering server address", DecodeError(PeeringTokenCodec.Encode(token)));
    }

    [Fact]
    public void Decode_CaWithoutServerName_ReportsEmptyServerName()
    {
        var token = FullToken() with { ServerName = "", PeerID = "" };

        Assert.Equal("peering token server name value is empty", DecodeError(PeeringTokenCodec.Encode(token)));
    }

    [Fact]
    public void Decode_NoCaAndNoServerName_IsALegacyPlaintextToken()
    {
        var token = FullToken() with { CA = null, ServerName = "" };

        Assert.True(PeeringTokenCodec.TryDecode(PeeringTokenCodec.Encode(token), out var decoded, out var error), error);
        Assert.Equal("", decoded.ServerName);
    }

    [Fact]
    public void Decode_NoPeerId_ReportsEmptyPeerId()
    {
        Assert.Equal("peering token peer ID value is empty", DecodeError(PeeringTokenCodec.Encode(FullToken() with { PeerID = "" })));
    }

    [Fact]
    public void Decode_NoEstablishmentSecret_IsAcceptedAsConsulDoes()
    {
        // 1.13-era tokens had no secret; Consul's validation does not require one.
        Assert.True(PeeringTokenCodec.TryDecode(PeeringTokenCodec.Encode(FullToken() with { EstablishmentSecret = "" }), out _, out _));
    }

    [Fact]
    public void DialAddresses_ManualNonEmpty_WinsOverDiscovered()
    {
        var token = FullToken() with { ManualServerAddresses = ["lb:8503"] };

        Assert.Equal(["lb:8503"], token.DialAddresses);
        Assert.Equal(token.ServerAddresses, (token with { ManualServerAddresses = [] }).DialAddresses);
    }
}
