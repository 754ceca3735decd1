namespace Parley.Mesh.Leaf;

/// <summary>Settings of the agent's leaf certificate manager.</summary>
public sealed class LeafCertificateOptions
{
    /// <summary>
    /// After the active root changes, each cached leaf is re-issued at a random moment within this window. Defaults to
    /// 2 seconds. Consul waits up to 30 s (<c>caChangeJitterWindow</c>) to spread the signing load of thousands of
    /// agents hitting its servers at once; a Parley agent signs locally with the replicated root key, so the spread
    /// protects nothing, and a short window lets proxies (and tests, and the acceptance script) move to the new root
    /// within seconds.
    /// </summary>
    public TimeSpan RootChangeJitter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A cached leaf nobody asked for in this long is dropped at its renewal time instead of renewed. Defaults to 72
    /// hours (Consul's leaf cache entry lifetime).
    /// </summary>
    public TimeSpan UnusedLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// How long a blocking request waits when it gives no <c>?wait</c>. Defaults to 10 minutes, as Consul's leaf endpoint.
    /// </summary>
    public TimeSpan DefaultWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When issuing fails in the background (e.g. the root expired), try again after this long. Defaults to 30 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
