using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>
/// Verifies the certificate a peer's server presents, as Consul's dialer does with
/// <c>RootCAs = PeerCAPems, ServerName = PeerServerName</c>: the chain must end in one of the peer's CA roots
/// (and nothing else — the machine's trust store plays no part), be valid now, allow server auth, and carry the
/// expected DNS name.
/// </summary>
/// <remarks>Thread-safe; one instance serves every connection of a dialer channel. Dispose it with the channel.</remarks>
public sealed class PeerCertificateValidator : IDisposable
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    private readonly X509Certificate2Collection _roots;
    private readonly TimeProvider _timeProvider;
    private string? _lastRefusal;

    /// <param name="caPems">The peer's CA roots (a token's <c>CA</c>, or the peer's trust bundle), each a PEM.</param>
    /// <param name="serverName">The name the peer's certificate must carry (the token's <c>ServerName</c>).</param>
    /// <param name="timeProvider">The clock against which validity is checked.</param>
    /// <exception cref="ArgumentException">No CA was given, or a CA PEM does not hold a certificate.</exception>
    public PeerCertificateValidator(IEnumerable<string> caPems, string serverName, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(caPems);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _roots = [];
        foreach (var pem in caPems)
        {
            try
            {
                _roots.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                DisposeAll(_roots);
                throw new ArgumentException($"peer CA is not a PEM certificate: {e.Message}", nameof(caPems), e);
            }
        }

        if (_roots.Count == 0)
        {
            throw new ArgumentException("at least one peer CA certificate is required", nameof(caPems));
        }

        ServerName = serverName;
        _timeProvider = timeProvider;
    }

    /// <summary>The DNS name the peer's certificate must carry.</summary>
    public string ServerName { get; }

    /// <summary>
    /// Validates <paramref name="certificate"/>, using <paramref name="intermediates"/> (what the server sent besides its
    /// leaf) to complete the chain.
    /// </summary>
    /// <param name="certificate">The peer's leaf certificate.</param>
    /// <param name="intermediates">Other certificates the peer presented; may be null.</param>
    /// <param name="error">Why the certificate was refused, in Go's words where Go has them.</param>
    /// <returns><see langword="true"/> when the certificate is acceptable.</returns>
    public bool TryValidate(X509Certificate2? certificate, X509Certificate2Collection? intermediates, out string? error)
    {
        if (certificate is null)
        {
            error = "peer presented no certificate";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _timeProvider.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        // Chain element certificates are left to the GC: on some platforms they share handles with the trust store.
        if (!chain.Build(certificate))
        {
            error = Describe(chain, certificate);
            return false;
        }

        if (!HasDnsName(certificate, ServerName))
        {
            var names = DnsNames(certificate);
            error = names.Count == 0
                ? $"x509: certificate is not valid for any names, but wanted to match {ServerName}"
                : $"x509: certificate is valid for {string.Join(", ", names)}, not {ServerName}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Why the last certificate this validator refused through a TLS callback was refused (Go's words, e.g.
    /// <c>x509: certificate signed by unknown authority</c>); null when none was. The TLS stack only reports "rejected by
    /// the callback", so callers read this to say why.
    /// </summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>For <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>.</summary>
    public bool ValidateServerCertificate(
        HttpRequestMessage request,
        X509Certificate2? certificate,
        X509Chain? chain,
        SslPolicyErrors errors) =>
        Remember(TryValidate(certificate, Presented(chain), out var error), error);

    /// <summary>
    /// For <c>SslClientAuthenticationOptions.RemoteCertificateValidationCallback</c> (e.g. on <c>SocketsHttpHandler.SslOptions</c>).
    /// </summary>
    public bool ValidateRemoteCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (certificate is X509Certificate2 typed)
        {
            return Remember(TryValidate(typed, Presented(chain), out var error), error);
        }

        using var converted = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return Remember(TryValidate(converted, Presented(chain), out var convertedError), convertedError);
    }

    private bool Remember(bool valid, string? error)
    {
        if (!valid)
        {
            Volatile.Write(ref _lastRefusal, error);
        }

        return valid;
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAll(_roots);

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    // The platform's chain holds what the server sent (ExtraStore) and what it found; only those help complete our chain.
    private static X509Certificate2Collection? Presented(X509Chain? chain)
    {
        if (chain is null)
        {
            return null;
        }

        var all = new X509Certificate2Collection();
        all.AddRange(chain.ChainPolicy.ExtraStore);
        foreach (var element in chain.ChainElements.Skip(1))
        {
            all.Add(element.Certificate);
        }

        return all;
    }

    private string Describe(X509Chain chain, X509Certificate2 certificate)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (acc, s) => acc | s.Status);
        if ((flags & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
        {
            var now = _timeProvider.GetUtcNow().UtcDateTime;
            var notBefore = certificate.NotBefore.ToUniversalTime();
            var notAfter = certificate.NotAfter.ToUniversalTime();
            return now < notBefore
                ? $"x509: certificate has expired or is not yet valid: current time {Go(now)} is before {Go(notBefore)}"
                : $"x509: certificate has expired or is not yet valid: current time {Go(now)} is after {Go(notAfter)}";
        }

        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return "x509: certificate signed by unknown authority";
        }

        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
        {
            return "x509: certificate specifies an incompatible key usage";
        }

        return "x509: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
    }

    private static string Go(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasDnsName(X509Certificate2 certificate, string name) =>
        DnsNames(certificate).Any(n => string.Equals(n.TrimEnd('.'), name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    private static List<string> DnsNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                return san.EnumerateDnsNames().ToList();
            }
        }

        return [];
    }
}
