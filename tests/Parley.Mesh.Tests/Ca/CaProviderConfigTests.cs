using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Mesh.Ca;

namespace Parley.Mesh.Tests.Ca;

public sealed class CaProviderConfigTests
{
    [Fact]
    public void Parse_Empty_GivesConsulsDefaults()
    {
        var config = CaProviderConfig.Parse([]);

        Assert.Equal(TimeSpan.FromHours(72), config.LeafCertTtl);
        Assert.Equal(TimeSpan.FromHours(8760), config.IntermediateCertTtl);
        Assert.Equal(TimeSpan.FromHours(87600), config.RootCertTtl);
        Assert.Equal(("ec", 256), (config.PrivateKeyType, config.PrivateKeyBits));
        Assert.Equal(50, config.CsrMaxPerSecond);
        Assert.Equal(0, config.CsrMaxConcurrent);
    }

    [Fact]
    public void Parse_WeaklyTypedValuesAndAnyKeyCase_AreRead()
    {
        var config = CaProviderConfig.Parse(new JsonObject
        {
            ["leafcertttl"] = "24h",
            ["IntermediateCertTTL"] = 1000L * 1_000_000_000 * 3600, // nanoseconds, as a Go client may send a Duration
            ["PrivateKeyType"] = "rsa",
            ["PrivateKeyBits"] = "4096",
            ["CSRMaxPerSecond"] = "12.5",
            ["RotationPeriod"] = "2160h", // gone from Consul, ignored
        });

        Assert.Equal(TimeSpan.FromHours(24), config.LeafCertTtl);
        Assert.Equal(TimeSpan.FromHours(1000), config.IntermediateCertTtl);
        Assert.Equal(("rsa", 4096), (config.PrivateKeyType, config.PrivateKeyBits));
        Assert.Equal(12.5, config.CsrMaxPerSecond);
    }

    [Theory]
    [InlineData("{\"LeafCertTTL\":\"30m\"}", "leaf cert TTL must be greater or equal than 1h0m0s")]
    [InlineData("{\"LeafCertTTL\":\"8761h\",\"IntermediateCertTTL\":\"30000h\",\"RootCertTTL\":\"90000h\"}",
        "leaf cert TTL must be less than 8760h0m0s")]
    [InlineData("{\"LeafCertTTL\":\"1h\",\"IntermediateCertTTL\":\"2h\"}", "Intermediate Cert TTL must be greater or equal than 3h")]
    [InlineData("{\"LeafCertTTL\":\"72h\",\"IntermediateCertTTL\":\"100h\"}",
        "Intermediate Cert TTL must be greater or equal than 3 * LeafCertTTL (>=216h0m0s).")]
    [InlineData("{\"RootCertTTL\":\"3h\",\"IntermediateCertTTL\":\"4h\",\"LeafCertTTL\":\"1h\"}",
        "root cert TTL is set and is not greater than intermediate cert ttl. root cert ttl: 3h0m0s, intermediate cert ttl: 4h0m0s")]
    [InlineData("{\"PrivateKeyBits\":512}", "EC key length must be one of (224, 256, 384, 521) bits")]
    [InlineData("{\"PrivateKeyType\":\"rsa\",\"PrivateKeyBits\":256}", "RSA key length must be 2048 or 4096 bits")]
    [InlineData("{\"PrivateKeyType\":\"dsa\"}", "private key type must be either 'ec' or 'rsa'")]
    [InlineData("{\"RootCert\":\"-----BEGIN CERTIFICATE-----\"}", "must provide a private key when providing a root cert")]
    [InlineData("{\"LeafCertTTL\":\"soon\"}",
        "error decoding config: 1 error(s) decoding:\n\n* error decoding 'LeafCertTTL': time: invalid duration \"soon\"")]
    [InlineData("{\"PrivateKeyBits\":\"many\"}",
        "error decoding config: 1 error(s) decoding:\n\n* cannot parse 'PrivateKeyBits' as int: strconv.ParseInt: parsing \"many\":" +
            " invalid syntax")]
    public void Parse_Invalid_RefusesWithConsulsText(string json, string text)
    {
        var e = Assert.Throws<ParleyException>(() => CaProviderConfig.Parse(JsonNode.Parse(json)!.AsObject()));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Equal(text, e.Message);
    }

    [Fact]
    public void Initial_AgentKeysOverConsulsSeed()
    {
        var initial = CaConfiguration.Initial(
            new JsonObject { ["LeafCertTTL"] = "10h", ["PrivateKeyType"] = "rsa", ["PrivateKeyBits"] = 2048 });

        Assert.Equal("consul", initial.Provider);
        Assert.Equal(
            """{"LeafCertTTL":"10h","IntermediateCertTTL":"8760h","RootCertTTL":"87600h","PrivateKeyType":"rsa","PrivateKeyBits":2048}""",
            initial.Config.ToJsonString());
    }
}
