using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.ConfigEntries;

/// <summary>The schema-described kinds' common mistakes, refused with Consul's texts.</summary>
public sealed class SchemaKindValidatorTests
{
    public static TheoryData<string, string> Mistakes => new()
    {
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"a"}]},""" +
                """{"Port":80,"Services":[{"Name":"b"}]}]}""",
            "port 80 declared on two listeners"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Protocol":"udp","Services":[{"Name":"a"}]}]}""",
            "protocol must be 'tcp', 'http', 'http2', or 'grpc'. 'udp' is an unsupported protocol"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80}]}""",
            "No service declared for listener with port 80"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"a"},{"Name":"b"}]}]}""",
            "Multiple services per listener are only supported for L7 protocols, 'http', 'grpc' and 'http2' (listener on port 80)"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"*"}]}]}""",
            "Wildcard service name is only valid for protocol = 'http' (listener on port 80)"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"a","Hosts":["a.com"]}]}]}""",
            "Associating hosts to a service is not supported for the tcp protocol (listener on port 80)"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Protocol":"http","Services":[{"Name":"a","Hosts":""" +
                """["a.com"]},{"Name":"b","Hosts":["a.com"]}]}]}""",
            "Hosts must be unique within a specific listener (listener on port 80)"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","TLS":{"Enabled":true},"Listeners":[{"Port":80,"Protocol":"http","Services":[""" +
                """{"Name":"a","Hosts":["*"]}]}]}""",
            "Host '*' is not allowed when TLS is enabled, all hosts must be valid DNS records to add as a DNSSAN"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Protocol":"http","Services":[{"Name":"a","Hosts":""" +
                """["a.*.com"]}]}]}""",
            "Host \"a.*.com\" is not valid, a wildcard specifier is only allowed as the leftmost label"
        },
        {
            """{"Kind":"ingress-gateway","Name":"gw","TLS":{"TLSMinVersion":"TLSv9"},"Listeners":[]}""",
            "TLS version \"TLSv9\" is not supported"
        },
        {
            """{"Kind":"terminating-gateway","Name":"gw","Services":[{"Name":""}]}""",
            "Service name cannot be blank."
        },
        {
            """{"Kind":"terminating-gateway","Name":"gw","Services":[{"Name":"a"},{"Name":"a"}]}""",
            "Service \"a\" was specified more than once within a namespace"
        },
        {
            """{"Kind":"terminating-gateway","Name":"gw","Services":[{"Name":"a","CertFile":"c.pem"}]}""",
            "Service \"a\" must have a CertFile, CAFile, and KeyFile specified for TLS origination"
        },
        {
            """{"Kind":"api-gateway","Name":"gw"}""",
            "api gateway must have at least one listener"
        },
        {
            """{"Kind":"api-gateway","Name":"gw","Listeners":[{"Name":"Bad_Name","Port":80,"Protocol":"http"}]}""",
            "listener name \"Bad_Name\" is invalid, must be at least 1 character and contain only letters, numbers, or dashes"
        },
        {
            """{"Kind":"api-gateway","Name":"gw","Listeners":[{"Name":"a","Port":80,"Protocol":"udp"}]}""",
            "unsupported listener protocol \"udp\", must be one of 'tcp', or 'http'"
        },
        {
            """{"Kind":"api-gateway","Name":"gw","Listeners":[{"Name":"a","Port":70000,"Protocol":"http"}]}""",
            "listener port 70000 not in the range 1-65535"
        },
        {
            """{"Kind":"api-gateway","Name":"gw","Listeners":[{"Name":"a","Port":80,"Protocol":"http","TLS":{"Certificates":[""" +
                """{"Kind":"file-system-certificate","Name":"c"}]}}]}""",
            "unsupported certificate kind: \"file-system-certificate\", must be 'inline-certificate'"
        },
        {
            """{"Kind":"http-route","Name":"r","Parents":[{"Kind":"ingress-gateway","Name":"gw"}]}""",
            "unsupported parent kind: \"ingress-gateway\", must be 'api-gateway'"
        },
        {
            """{"Kind":"http-route","Name":"r","Hostnames":["*.example.com"]}""",
            "host \"*.example.com\" must not be a wildcard"
        },
        {
            """{"Kind":"http-route","Name":"r","Rules":[{"Matches":[{"Method":"FETCH"}]}]}""",
            "Rule[0], Match[0], Method contains an invalid method \"FETCH\""
        },
        {
            """{"Kind":"http-route","Name":"r","Rules":[{"Matches":[{"Path":{"Match":"prefix","Value":"api"}}]}]}""",
            "Rule[0], Match[0], Path, prefix type match doesn't start with '/': \"api\""
        },
        {
            """{"Kind":"http-route","Name":"r","Rules":[{"Matches":[{"Headers":[{"Name":"x","Match":"contains"}]}]}]}""",
            "Rule[0], Match[0], Headers[0], match type should be one of present, exact, prefix, suffix, or regex"
        },
        {
            """{"Kind":"tcp-route","Name":"r","Services":[{"Name":"a"},{"Name":"b"}]}""",
            "tcp-route currently only supports one service"
        },
        {
            """{"Kind":"inline-certificate","Name":"c","Certificate":"x","PrivateKey":"y"}""",
            "failed to parse private key PEM"
        },
        {
            """{"Kind":"jwt-provider","Name":"okta"}""",
            "JSONWebKeySet is required"
        },
        {
            """{"Kind":"jwt-provider","Name":"okta","JSONWebKeySet":{"Local":{"JWKS":"e30=","Filename":"/k.json"}}}""",
            "must specify exactly one of String or filename for local keyset"
        },
        {
            """{"Kind":"jwt-provider","Name":"okta","JSONWebKeySet":{"Remote":{}}}""",
            "Remote JWKS URI is required"
        },
        {
            """{"Kind":"jwt-provider","Name":"okta","JSONWebKeySet":{"Local":{"Filename":"/k.json"}},"Locations":[{}]}""",
            "must set exactly one of: JWT location header, query param or cookie"
        },
        {
            """{"Kind":"sameness-group","Name":"sg","Members":[{"Peer":"cluster-02"}]}""",
            "sameness-groups are an enterprise-only feature"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistake_IsRefusedWithConsulsText(string json, string message)
    {
        var ex = Assert.Throws<ConfigEntryValidationException>(() =>
            ConfigEntryValidator.NormalizeAndValidate(FromJson(json), new ConfigEntrySet([])));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void InlineCertificate_MatchingPairIsAccepted_AShortRsaKeyIsNot()
    {
        var (certificate, key) = SelfSigned(2048);
        var entry = FromJson(Entry(certificate, key));
        Assert.Empty(ConfigEntryValidator.Check(ConfigEntryNormalizer.Normalize(entry)));

        var (shortCertificate, shortKey) = SelfSigned(1024);
        Assert.Equal(["key length must be at least 2048 bits"], ConfigEntryValidator.Check(FromJson(Entry(shortCertificate, shortKey))));

        var (_, otherKey) = SelfSigned(2048);
        Assert.Equal(["tls: private key does not match public key"], ConfigEntryValidator.Check(FromJson(Entry(certificate, otherKey))));

        static string Entry(string cert, string key) =>
            new System.Text.Json.Nodes.JsonObject
            {
                ["Kind"] = "inline-certificate",
                ["Name"] = "c",
                ["Certificate"] = cert,
                ["PrivateKey"] = key
            }.ToJsonString();
    }

    /// <summary>A self-signed certificate for <c>gateway.example.com</c> and its PKCS#1 RSA key, in PEM.</summary>
    internal static (string Certificate, string Key) SelfSigned(int bits)
    {
        using var rsa = RSA.Create(bits);
        var request = new CertificateRequest("CN=gateway.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("gateway.example.com");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem());
    }
}
