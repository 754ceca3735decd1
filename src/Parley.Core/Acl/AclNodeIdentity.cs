namespace Parley.Core.Acl;

/// <summary>Consul's <c>NodeIdentity</c>: a synthetic policy for one node in one datacenter.</summary>
public sealed record AclNodeIdentity(string NodeName, string Datacenter);
