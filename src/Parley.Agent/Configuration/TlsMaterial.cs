using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Agent.Configuration;

/// <summary>
/// One <see cref="TlsSection"/>'s files read and checked: the certificate with its key, the trusted CAs and the
/// protocols. Loading fails with a <see cref="ConfigException"/> that names the key, the file and where it was set.
/// </summary>
public sealed record TlsMaterial : IDisposable
{
    /// <summary>The certificate with its private key, or null when the section names none.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The CA certificates from <c>ca_file</c> and <c>ca_path</c>.</summary>
    public X509Certificate2Collection Roots { get; init; } = [];

    /// <summary>The effective <c>verify_incoming</c>.</summary>
    public bool VerifyIncoming { get; init; }

    /// <summary>The effective <c>verify_outgoing</c> (also true with <c>verify_server_hostname</c>, as in Consul).</summary>
    public bool VerifyOutgoing { get; init; }

    /// <summary>The effective <c>verify_server_hostname</c>.</summary>
    public bool VerifyServerHostname { get; init; }

    /// <summary>The protocols from <c>tls_min_version</c>.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Reads the files of <paramref name="section"/> (called <paramref name="name"/>, e.g. <c>tls.https</c>).</summary>
    /// <param name="section">The effective section.</param>
    /// <param name="name">The section's config name, used in messages.</param>
    /// <param name="source">Says where a key of this section was set (for messages).</param>
    /// <exception cref="ConfigException">A file is missing or unreadable, or the settings contradict each other.</exception>
    public static TlsMaterial Load(TlsSection section, string name, Func<string, string> source)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<string>();
        var protocols = Protocols_(section.TlsMinVersion, name, source, problems);
        var roots = new X509Certificate2Collection();
        if (section.CaFile is { } caFile)
        {
            LoadCas(caFile, name + ".ca_file", source, roots, problems);
        }

        if (section.CaPath is { } caPath)
        {
            if (!Directory.Exists(caPath))
            {
                problems.Add($"{name}.ca_path: \"{caPath}\" is not a directory ({source("ca_path")})");
            }
            else
            {
                foreach (var file in Directory.GetFiles(caPath).Order(StringComparer.Ordinal))
                {
                    LoadCas(file, name + ".ca_path", source, roots, problems);
                }
            }
        }

        X509Certificate2? certificate = null;
        if (section.CertFile is null != section.KeyFile is null)
        {
            problems.Add(
                $"{name}: cert_file and key_file must be set together ({source(section.CertFile is null ? "key_file" : "cert_file")})");
        }
        else if (section.CertFile is { } certFile && section.KeyFile is { } keyFile)
        {
            certificate = LoadCertificate(certFile, keyFile, name, source, problems);
        }

        var verifyIncoming = section.VerifyIncoming ?? false;
        if (verifyIncoming && roots.Count == 0)
        {
            problems.Add(
                $"{name}.verify_incoming is set but no ca_file or ca_path gives the CA to check client certificates against " +
                $"({source("verify_incoming")})");
        }

        var verifyServerHostname = section.VerifyServerHostname ?? false;
        var verifyOutgoing = (section.VerifyOutgoing ?? false) || verifyServerHostname;
        if (verifyOutgoing && roots.Count == 0)
        {
            problems.Add(
                $"{name}.verify_outgoing is set but no ca_file or ca_path gives the CA to check servers against " +
                $"({source("verify_outgoing")})");
        }

        if (problems.Count > 0)
        {
            certificate?.Dispose();
            throw new ConfigException(string.Join(Environment.NewLine, problems));
        }

        return new()
        {
            Certificate = certificate,
            Roots = roots,
            VerifyIncoming = verifyIncoming,
            VerifyOutgoing = verifyOutgoing,
            VerifyServerHostname = verifyServerHostname,
            Protocols = protocols,
        };
    }

    /// <summary>Releases the certificate and the CA certificates.</summary>
    public void Dispose()
    {
        Certificate?.Dispose();
        foreach (var root in Roots)
        {
            root.Dispose();
        }
    }

    /// <summary>Whether <paramref name="presented"/> chains to <see cref="Roots"/> (nothing else is trusted).</summary>
    public bool IsTrusted(X509Certificate2 presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    // Consul's names, and the deprecated tls10..tls13 it still reads. TLS 1.0 and 1.1 are not offered by today's TLS
    // libraries' default policy, so asking for them as a minimum gives TLS 1.2.
    private static SslProtocols Protocols_(string? version, string name, Func<string, string> source, List<string> problems)
        => version switch
        {
            null or "TLSv1_0" or "TLSv1_1" or "TLSv1_2" or "tls10" or "tls11" or "tls12" => SslProtocols.Tls12 | SslProtocols.Tls13,
            "TLSv1_3" or "tls13" => SslProtocols.Tls13,
            _ => Problem(problems,
                $"{name}.tls_min_version: \"{version}\" is not a supported TLS version (use TLSv1_0, TLSv1_1," +
                $" TLSv1_2 or TLSv1_3) ({source("tls_min_version")})"),
        };

    private static SslProtocols Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return SslProtocols.None;
    }

    private static void LoadCas(
        string file, string key, Func<string, string> source, X509Certificate2Collection roots, List<string> problems)
    {
        try
        {
            var loaded = new X509Certificate2Collection();
            loaded.ImportFromPemFile(file);
            if (loaded.Count == 0)
            {
                problems.Add($"{key}: \"{file}\" holds no PEM certificate ({source(key[(key.LastIndexOf('.') + 1)..])})");
            }

            roots.AddRange(loaded);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problems.Add($"{key}: cannot load \"{file}\": {e.Message} ({source(key[(key.LastIndexOf('.') + 1)..])})");
        }
    }

    private static X509Certificate2? LoadCertificate(
        string certFile, string keyFile, string name, Func<string, string> source, List<string> problems)
    {
        foreach (var (key, file) in new[] { ("cert_file", certFile), ("key_file", keyFile) })
        {
            if (!File.Exists(file))
            {
                problems.Add($"{name}.{key}: \"{file}\" does not exist ({source(key)})");
            }
        }

        if (problems.Count > 0)
        {
            return null;
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Re-imported so the key is usable by the TLS stack on every platform (an ephemeral PEM key is not on Windows).
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problems.Add($"{name}: cannot load cert_file \"{certFile}\" with key_file \"{keyFile}\": {e.Message} ({source("cert_file")})");
            return null;
        }
    }
}
