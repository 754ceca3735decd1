namespace Parley.Client;

/// <summary>Options for a read, sent as query parameters (Consul's <c>api.QueryOptions</c>).</summary>
public sealed record QueryOptions
{
    /// <summary>Block until the result's index moves past this value (<c>?index=</c>). Null or 0 does not block.</summary>
    public ulong? Index { get; init; }

    /// <summary>The longest a blocking query waits (<c>?wait=</c>, sent in milliseconds). Null uses the agent's default.</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>
    /// Block until the result's content hash differs from this one (<c>?hash=</c>, for endpoints that answer
    /// <c>X-Consul-ContentHash</c> such as <see cref="AgentClient.ServiceAsync"/>); take it from <see cref="QueryMeta.LastContentHash"/>.
    /// </summary>
    public string? WaitHash { get; init; }

    /// <summary>Allow any server to answer, possibly with stale data (<c>?stale</c>).</summary>
    public bool Stale { get; init; }

    /// <summary>Require a consistent read through the leader (<c>?consistent</c>).</summary>
    public bool Consistent { get; init; }

    /// <summary>Read data imported from this peer (<c>?peer=</c>).</summary>
    public string? Peer { get; init; }

    /// <summary>A filter expression applied by the agent (<c>?filter=</c>).</summary>
    public string? Filter { get; init; }

    /// <summary>The datacenter to query (<c>?dc=</c>); null means the agent's own.</summary>
    public string? Datacenter { get; init; }

    /// <summary>A token for this request only, overriding the client's.</summary>
    public string? Token { get; init; }
}
