namespace Parley.Core.ConfigEntries;

/// <summary>TLS versions and cipher suites for one direction of mesh traffic.</summary>
public sealed record MeshDirectionalTlsConfig
{
    /// <summary><c>TLS_AUTO</c>, <c>TLSv1_0</c> ... <c>TLSv1_3</c>, or empty.</summary>
    public string TlsMinVersion { get; init; } = "";

    public string TlsMaxVersion { get; init; } = "";

    public IReadOnlyList<string> CipherSuites { get; init; } = [];
}
