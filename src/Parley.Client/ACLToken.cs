namespace Parley.Client;

/// <summary>An ACL token (Consul's <c>api.ACLToken</c>): what <c>/v1/acl/token</c> takes and answers.</summary>
public sealed record ACLToken
{
    [OmitEmpty]
    public string? AccessorID { get; init; }

    [OmitEmpty]
    public string? SecretID { get; init; }

    public string Description { get; init; } = "";

    [OmitEmpty]
    public List<ACLLink>? Policies { get; init; }

    [OmitEmpty]
    public List<ACLLink>? Roles { get; init; }

    [OmitEmpty]
    public List<ACLServiceIdentity>? ServiceIdentities { get; init; }

    [OmitEmpty]
    public List<ACLNodeIdentity>? NodeIdentities { get; init; }

    public bool Local { get; init; }

    [OmitEmpty]
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>Nanoseconds, as Go's time.Duration travels.</summary>
    [OmitEmpty]
    public long? ExpirationTTL { get; init; }

    [OmitEmpty]
    public DateTimeOffset? CreateTime { get; init; }

    [OmitEmpty]
    public string? Hash { get; init; }

    [OmitEmpty]
    public long CreateIndex { get; init; }

    [OmitEmpty]
    public long ModifyIndex { get; init; }
}
