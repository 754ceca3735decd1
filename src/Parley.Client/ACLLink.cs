namespace Parley.Client;

/// <summary>
/// A token's or role's link to a policy or role (Consul's <c>ACLTokenPolicyLink</c>/<c>ACLTokenRoleLink</c>): by ID or by Name.
/// </summary>
public sealed record ACLLink
{
    [OmitEmpty]
    public string? ID { get; init; }

    [OmitEmpty]
    public string? Name { get; init; }
}
