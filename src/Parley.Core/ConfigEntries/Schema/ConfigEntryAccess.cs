namespace Parley.Core.ConfigEntries.Schema;

/// <summary>What reading an entry of a kind needs (Consul's <c>CanRead</c>).</summary>
public enum ConfigEntryAccess
{
    /// <summary><c>mesh:read</c>.</summary>
    Mesh,

    /// <summary><c>service:read</c> on the entry's name (gateways).</summary>
    ServiceName,

    /// <summary>Nothing: anyone may read it.</summary>
    Anyone,
}
