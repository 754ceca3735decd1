using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Parley.Core.Go;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.ConfigEntries;

/// <content>inline-certificate, jwt-provider, sameness-group and control-plane-request-limit rules, with Consul's texts.</content>
public static partial class ConfigEntryValidator
{
    private static readonly string[] TrustedCaSources = ["Filename", "EnvironmentVariable", "InlineString", "InlineBytes"];

    internal static void CheckMetaOnly(SchemaConfigEntry e, List<string> errors) => CheckMeta(e.Meta, errors);

    internal static void CheckInlineCertificate(SchemaConfigEntry e, List<string> errors)
    {
        CheckMeta(e.Meta, errors);
        AddIfProblem(CertificateProblem(Str(e.Body, "Certificate"), Str(e.Body, "PrivateKey")), errors);
    }

    private static string? CertificateProblem(string certificatePem, string keyPem)
    {
        if (!PemEncoding.TryFind(keyPem, out var keyFields))
        {
            return "failed to parse private key PEM";
        }

        if (keyPem[keyFields.Label] is "RSA PRIVATE KEY")
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(keyPem);
                if (rsa.KeySize < 2048)
                {
                    return "key length must be at least 2048 bits";
                }
            }
            catch (CryptographicException ex)
            {
                return $"x509: failed to parse private key: {ex.Message}";
            }
        }

        if (!PemEncoding.TryFind(certificatePem, out _))
        {
            return "failed to parse certificate PEM";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException ex)
        {
            return $"failed to parse certificate: {ex.Message}";
        }

        using (certificate)
        {
            try
            {
                using var pair = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            }
            catch (CryptographicException)
            {
                return "tls: private key does not match public key";
            }

            var hosts = new List<string> { certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) };
            if (certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san)
            {
                hosts.AddRange(san.EnumerateDnsNames());
                hosts.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }

            return hosts.FirstOrDefault(h => !IsDomainName(h)) is { } bad ? $"host {Q(bad)} must be a valid DNS hostname" : null;
        }
    }

    internal static void CheckJwtProvider(SchemaConfigEntry e, List<string> errors)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }

        CheckMeta(e.Meta, errors);
        var keySet = Obj(e.Body, "JSONWebKeySet");
        if (keySet is null)
        {
            errors.Add("JSONWebKeySet is required");
        }
        else
        {
            AddIfProblem(KeySetProblem(keySet), errors);
        }

        foreach (var location in Objects(e.Body, "Locations"))
        {
            var (header, query, cookie) = (Obj(location, "Header"), Obj(location, "QueryParam"), Obj(location, "Cookie"));
            AddIfProblem(
                (header is null ? 0 : 1) + (query is null ? 0 : 1) + (cookie is null ? 0 : 1) != 1
                    ? "must set exactly one of: JWT location header, query param or cookie"
                : header is not null && Str(header, "Name").Length == 0 ? "JWT location header name must be specified"
                : cookie is not null && Str(cookie, "Name").Length == 0 ? "JWT location cookie name must be specified"
                : query is not null && Str(query, "Name").Length == 0 ? "JWT location query param name must be specified"
                : null,
                errors);
        }

        if (Obj(e.Body, "Forwarding") is { } forwarding && Str(forwarding, "HeaderName").Length == 0)
        {
            errors.Add("Header name required for forwarding config");
        }
    }

    private static string? KeySetProblem(JsonObject keySet)
    {
        var (local, remote) = (Obj(keySet, "Local"), Obj(keySet, "Remote"));
        if ((local is null) == (remote is null))
        {
            return "must specify exactly one of Local or Remote JSON Web key set";
        }

        if (local is not null)
        {
            var (jwks, file) = (Str(local, "JWKS"), Str(local, "Filename"));
            if ((jwks.Length > 0) == (file.Length > 0))
            {
                return "must specify exactly one of String or filename for local keyset";
            }

            return jwks.Length > 0 && !IsBase64(jwks) ? "JWKS must be valid base64 encoded string" : null;
        }

        var uri = Str(remote, "URI");
        if (uri.Length == 0)
        {
            return "Remote JWKS URI is required";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out _) && !uri.StartsWith('/'))
        {
            return $"Remote JWKS URI is invalid: parse {Q(uri)}: invalid URI for request, uri: {uri}";
        }

        var backOff = Obj(Obj(remote, "RetryPolicy"), "RetryPolicyBackOff");
        var (baseInterval, maxInterval) = (Duration(backOff, "BaseInterval"), Duration(backOff, "MaxInterval"));
        if (maxInterval != TimeSpan.Zero && baseInterval > maxInterval)
        {
            return "retry policy backoff's MaxInterval should be greater or equal to BaseInterval";
        }

        var cluster = Obj(remote, "JWKSCluster");
        var discovery = Str(cluster, "DiscoveryType");
        if (discovery.Length > 0 && discovery is not ("STRICT_DNS" or "STATIC" or "LOGICAL_DNS" or "EDS" or "ORIGINAL_DST"))
        {
            return $"unsupported jwks cluster discovery type: {Q(discovery)}";
        }

        if (Obj(cluster, "TLSCertificates") is not { } certificates)
        {
            return null;
        }

        var (provider, trusted) = (Obj(certificates, "CaCertificateProviderInstance"), Obj(certificates, "TrustedCA"));
        if ((provider is null) == (trusted is null))
        {
            return "must specify exactly one of: CaCertificateProviderInstance or TrustedCA for JKWS' TLSCertificates";
        }

        return trusted is not null && TrustedCaSources.Count(f => Str(trusted, f).Length > 0) != 1
            ? "must specify exactly one of: Filename, EnvironmentVariable, InlineString or InlineBytes for JWKS' TrustedCA"
            : null;
    }

    private static TimeSpan Duration(JsonObject? obj, string name) =>
        Str(obj, name) is { Length: > 0 } text && GoDuration.TryParse(text, out var value, out _) ? value : TimeSpan.Zero;

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>
    /// Consul CE decodes sameness groups but refuses to store them (an Enterprise feature), as Parley refuses sameness
    /// groups in exported-services and resolvers; the shape is still checked first so a misspelt key says so.
    /// </summary>
    internal static void CheckSamenessGroup(SchemaConfigEntry e, List<string> errors) =>
        errors.Add("sameness-groups are an enterprise-only feature");

    internal static void CheckControlPlaneRequestLimit(SchemaConfigEntry e, List<string> errors)
    {
        CheckMeta(e.Meta, errors);
        var mode = Str(e.Body, "Mode");
        if (mode is not ("" or "permissive" or "enforcing" or "disabled"))
        {
            errors.Add($"invalid rate limit mode: {Q(mode)}");
        }
    }
}
