using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Parley.State.Store;

namespace Parley.Mesh.Ca;

/// <summary>
/// This cluster's Connect CA as every server sees it: the state kept in the replicated log (roots and configuration,
/// <see cref="ConnectCaState"/>), the active root loaded for signing, and the peering server certificate this server
/// presents on the gRPC TLS port.
/// </summary>
/// <remarks>
/// Thread-safe. Every server can sign: the root key is in the replicated state. The loaded authority follows the
/// state's index; the server certificate is issued locally and reissued before it expires or when the root changes.
/// </remarks>
public sealed class ConnectCa(StateStore store, TimeProvider timeProvider, string datacenter) : IDisposable
{
    /// <summary>The system-value key under which the CA state is stored.</summary>
    public const string StateKey = "connect-ca";

    private readonly Lock _lock = new();

    // The last state read, by the system value's index: TLS handshakes and leaf requests read it often.
    private volatile CachedState? _state;
    private CertificateAuthority? _authority;
    private string? _authorityRootId;
    private (IssuedCertificate Issued, X509Certificate2 Certificate, string RootId)? _serverCertificate;

    public string Datacenter => datacenter;

    /// <summary>The table index blocking reads of the CA state watch.</summary>
    public static string Table => Tables.System(StateKey);

    /// <summary>The stored roots (oldest first), or empty while the CA has not been initialised.</summary>
    public static IReadOnlyList<CaRoot> Roots(StateSnapshot snapshot) => ConnectCaState.Read(snapshot)?.Roots ?? [];

    /// <summary>The active root's CA as of the current snapshot, or null if not initialised yet.</summary>
    public CertificateAuthority? Current => Authority(store.Current);

    /// <summary>The trust domain (<c>&lt;cluster-id&gt;.consul</c>), or null while the CA is not initialised.</summary>
    public string? TrustDomain => Current?.TrustDomain;

    /// <summary>The name peers verify: <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>.</summary>
    public string? PeeringServerName => Current is { } ca ? MeshNames.PeeringServerName(datacenter, ca.TrustDomain) : null;

    /// <summary>
    /// The CA state in <paramref name="snapshot"/> (see <see cref="ConnectCaState.Read"/>), or null while there is none.
    /// Shared between callers: do not change its <see cref="CaConfiguration.Config"/> node.
    /// </summary>
    public ConnectCaState? State(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.GetSystemValue(StateKey) is not { } value)
        {
            return null;
        }

        if (_state is { } cached && cached.Index == value.ModifyIndex)
        {
            return cached.State;
        }

        var state = ConnectCaState.Read(snapshot)!;
        _state = new CachedState(value.ModifyIndex, state);
        return state;
    }

    /// <summary>The active root's CA as of <paramref name="snapshot"/>, loaded once per root; null when there is none.</summary>
    public CertificateAuthority? Authority(StateSnapshot snapshot)
    {
        if (State(snapshot)?.ActiveRoot is not { } root)
        {
            return null;
        }

        lock (_lock)
        {
            if (_authorityRootId != root.ID)
            {
                // The old authority may still be signing on another thread; it holds only managed copies and its
                // key, so leaving it to the GC is safe, whereas disposing it under a signer is not.
                _authority = CertificateAuthority.Load(root, timeProvider);
                _authorityRootId = root.ID;
            }

            return _authority;
        }
    }

    /// <summary>The certificate this server presents to dialers; issued on first use, before expiry and after a rotation.</summary>
    public X509Certificate2? ServerCertificate()
    {
        var ca = Current;
        if (ca is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (_serverCertificate is not { } cached || cached.RootId != ca.Root.ID || cached.Issued.ShouldRotate(timeProvider.GetUtcNow()))
            {
                var issued = ca.IssueServerCertificate(datacenter);
                _serverCertificate = (issued, issued.ToX509Certificate2(), ca.Root.ID);
            }

            return _serverCertificate.Value.Certificate;
        }
    }

    /// <summary>The JSON stored for a freshly generated CA.</summary>
    public static JsonNode ToState(CaRoot root, CaConfiguration? config = null) =>
        new ConnectCaState { Roots = [root], Config = config ?? CaConfiguration.Initial(null) }.ToJson();

    public void Dispose()
    {
        lock (_lock)
        {
            _authority?.Dispose();
            _serverCertificate?.Certificate.Dispose();
        }
    }

    private sealed record CachedState(long Index, ConnectCaState State);
}
