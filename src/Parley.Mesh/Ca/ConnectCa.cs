using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.State.Store;

namespace Parley.Mesh.Ca;

/// <summary>
/// This cluster's Connect CA as every server sees it: the roots kept in the replicated state (generated
/// once by the first leader), and the peering server certificate this server presents on the gRPC TLS port.
/// </summary>
/// <remarks>Thread-safe. The server certificate is issued locally from the root and reissued before it expires.</remarks>
public sealed class ConnectCa(StateStore store, TimeProvider timeProvider, string datacenter) : IDisposable
{
    /// <summary>The system-value key under which the CA state is stored.</summary>
    public const string StateKey = "connect-ca";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = null };

    private readonly Lock _lock = new();
    private CertificateAuthority? _authority;
    private long _authorityIndex = -1;
    private (IssuedCertificate Issued, X509Certificate2 Certificate)? _serverCertificate;

    public string Datacenter => datacenter;

    /// <summary>The stored roots (active first), or empty while the CA has not been initialised.</summary>
    public static IReadOnlyList<CaRoot> Roots(StateSnapshot snapshot) =>
        snapshot.GetSystemValue(StateKey)?.Value.Deserialize<CaState>(JsonOptions)?.Roots ?? [];

    /// <summary>The CA as of the current snapshot, or null if not initialised yet.</summary>
    public CertificateAuthority? Current
    {
        get
        {
            var value = store.Current.GetSystemValue(StateKey);
            if (value is null)
            {
                return null;
            }

            lock (_lock)
            {
                if (_authorityIndex != value.ModifyIndex)
                {
                    var root = value.Value.Deserialize<CaState>(JsonOptions)!.Roots.First(r => r.Active);
                    _authority?.Dispose();
                    _authority = CertificateAuthority.Load(root, timeProvider);
                    _authorityIndex = value.ModifyIndex;
                    _serverCertificate = null;
                }

                return _authority;
            }
        }
    }

    /// <summary>The trust domain (<c>&lt;cluster-id&gt;.consul</c>), or null while the CA is not initialised.</summary>
    public string? TrustDomain => Current?.TrustDomain;

    /// <summary>The name peers verify: <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>.</summary>
    public string? PeeringServerName => Current is { } ca ? MeshNames.PeeringServerName(datacenter, ca.TrustDomain) : null;

    /// <summary>The certificate this server presents to dialers; issued on first use and before expiry.</summary>
    public X509Certificate2? ServerCertificate()
    {
        var ca = Current;
        if (ca is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (_serverCertificate is not { } cached || cached.Issued.ShouldRotate(timeProvider.GetUtcNow()))
            {
                var issued = ca.IssueServerCertificate(datacenter);
                _serverCertificate?.Certificate.Dispose();
                _serverCertificate = (issued, issued.ToX509Certificate2());
            }

            return _serverCertificate.Value.Certificate;
        }
    }

    /// <summary>The JSON stored for a freshly generated CA.</summary>
    public static JsonNode ToState(CaRoot root) => JsonSerializer.SerializeToNode(new CaState([root]), JsonOptions)!;

    public void Dispose()
    {
        lock (_lock)
        {
            _authority?.Dispose();
            _serverCertificate?.Certificate.Dispose();
        }
    }

    private sealed record CaState(IReadOnlyList<CaRoot> Roots);
}
