namespace Parley.Core.Acl;

/// <summary>
/// A stored ACL token. <see cref="AccessorID"/> names it in the API and in refusals; <see cref="SecretID"/> is what
/// requests present. Times come from the command (set by the handler), never from the apply.
/// </summary>
public sealed record AclToken
{
    public required string AccessorID { get; init; }
    public required string SecretID { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<AclLink> Policies { get; init; } = [];
    public IReadOnlyList<AclLink> Roles { get; init; } = [];
    public IReadOnlyList<AclServiceIdentity> ServiceIdentities { get; init; } = [];
    public IReadOnlyList<AclNodeIdentity> NodeIdentities { get; init; } = [];
    public bool Local { get; init; }
    public DateTimeOffset? ExpirationTime { get; init; }
    public TimeSpan? ExpirationTTL { get; init; }
    public DateTimeOffset CreateTime { get; init; }
    public string Hash { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>True once <paramref name="now"/> has reached the expiration time.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpirationTime is { } at && now >= at;
}
