namespace Parley.Client;

/// <summary>Options for a write, sent as query parameters (Consul's <c>api.WriteOptions</c>).</summary>
public sealed record WriteOptions
{
    /// <summary>The datacenter to write to (<c>?dc=</c>); null means the agent's own.</summary>
    public string? Datacenter { get; init; }

    /// <summary>A token for this request only, overriding the client's.</summary>
    public string? Token { get; init; }
}
