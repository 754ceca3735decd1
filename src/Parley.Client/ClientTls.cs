using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Client;

/// <summary>
/// The TLS side of <see cref="ParleyClientOptions"/> applied to a handler: the CA from <c>CA file</c>/<c>CA path</c>
/// (instead of the system's), the client certificate, the server name to verify, or no verification at all.
/// </summary>
internal static class ClientTls
{
    /// <summary>Sets <paramref name="ssl"/> from <paramref name="options"/>.</summary>
    /// <exception cref="IOException">A CA, certificate or key file is missing or not PEM.</exception>
    public static void Apply(SslClientAuthenticationOptions ssl, ParleyClientOptions options)
    {
        if (options.TlsServerName is { Length: > 0 } serverName)
        {
            ssl.TargetHost = serverName;
        }

        if (options.ClientCert is { Length: > 0 } != options.ClientKey is { Length: > 0 })
        {
            throw new IOException("Both client cert and client key must be provided");
        }

        if (options.ClientCert is { Length: > 0 } certFile && options.ClientKey is { Length: > 0 } keyFile)
        {
            ssl.ClientCertificates = [Load(() => ReImport(certFile, keyFile), certFile)];
        }

        if (options.InsecureSkipVerify)
        {
#pragma warning disable CA5359 // CONSUL_HTTP_SSL_VERIFY=false asks for exactly this, as Consul's InsecureSkipVerify.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
            return;
        }

        var roots = new X509Certificate2Collection();
        if (options.CaFile is { Length: > 0 } caFile)
        {
            Load(() => roots.ImportFromPemFile(caFile), caFile);
        }

        if (options.CaPath is { Length: > 0 } caPath)
        {
            if (!Directory.Exists(caPath))
            {
                throw new IOException($"Error loading CA path \"{caPath}\": not a directory");
            }

            foreach (var file in Directory.GetFiles(caPath))
            {
                Load(() => roots.ImportFromPemFile(file), file);
            }
        }

        if (roots.Count == 0)
        {
            return;
        }

        // Only the given CAs are trusted, as Go's RootCAs; the name is still checked (unless it was the only error).
        ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return false;
            }

            using var presented = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(presented);
        };
    }

    private static X509Certificate2 ReImport(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static void Load(Action load, string file) => Load(() =>
    {
        load();
        return true;
    }, file);

    private static T Load<T>(Func<T> load, string file)
    {
        try
        {
            return load();
        }
        catch (Exception e)
            when (e is CryptographicException or ArgumentException or UnauthorizedAccessException or FileNotFoundException
            or DirectoryNotFoundException)
        {
            throw new IOException($"Error loading \"{file}\": {e.Message}", e);
        }
    }
}
