using static Parley.Core.ConfigEntries.Schema.Fields;

namespace Parley.Core.ConfigEntries.Schema;

/// <content>inline-certificate, file-system-certificate and jwt-provider.</content>
public static partial class ConfigEntrySchemas
{
    /// <summary><c>inline-certificate</c>: a PEM certificate and private key api-gateway listeners serve.</summary>
    public static ConfigEntrySchema InlineCertificate { get; } = new()
    {
        Kind = "inline-certificate",
        Fields = [Str("Certificate").Required(), Str("PrivateKey").Required()],
        Check = ConfigEntryValidator.CheckInlineCertificate,
    };

    /// <summary><c>file-system-certificate</c>: paths of a certificate and key on the gateway's disk.</summary>
    public static ConfigEntrySchema FileSystemCertificate { get; } = new()
    {
        Kind = "file-system-certificate",
        Fields = [Str("Certificate").Required(), Str("PrivateKey").Required()],
        Check = ConfigEntryValidator.CheckMetaOnly,
    };

    /// <summary><c>jwt-provider</c>: how JWTs named by intentions are verified.</summary>
    public static ConfigEntrySchema JwtProvider { get; } = new()
    {
        Kind = "jwt-provider",
        KubernetesName = "JWTProvider",
        Fields =
        [
            Object("JSONWebKeySet",
                Object("Local", Str("JWKS"), Str("Filename")),
                Object("Remote",
                    Str("URI"),
                    Int("RequestTimeoutMs"),
                    Duration("CacheDuration"),
                    Bool("FetchAsynchronously"),
                    Object(
                        "RetryPolicy",
                        Int("NumRetries"),
                        Object("RetryPolicyBackOff", Duration("BaseInterval"), Duration("MaxInterval"))),
                    Object("JWKSCluster",
                        Str("DiscoveryType"),
                        Object("TLSCertificates",
                            Object("CaCertificateProviderInstance", Str("InstanceName"), Str("CertificateName")),
                            Object("TrustedCA", Str("Filename"), Str("EnvironmentVariable"), Str("InlineString"), Str("InlineBytes"))),
                        Duration("ConnectTimeout")))),
            Str("Issuer"),
            Strings("Audiences"),
            List("Locations",
                Object("Header", Str("Name"), Str("ValuePrefix"), Bool("Forward")),
                Object("QueryParam", Str("Name")),
                Object("Cookie", Str("Name"))),
            Object("Forwarding", Str("HeaderName"), Bool("PadForwardPayloadHeader").Required()),
            Int("ClockSkewSeconds"),
            Object("CacheConfig", Int("Size")),
        ],
        Normalize = SchemaNormalizers.JwtProvider,
        Check = ConfigEntryValidator.CheckJwtProvider,
    };
}
