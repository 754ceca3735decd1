namespace Parley.Core.ConfigEntries;

/// <summary>Paths a proxy exposes without mTLS (e.g. health checks).</summary>
public sealed record ExposeConfig
{
    public bool Checks { get; init; }

    public IReadOnlyList<ExposePath> Paths { get; init; } = [];
}
