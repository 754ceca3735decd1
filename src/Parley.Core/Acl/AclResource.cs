namespace Parley.Core.Acl;

/// <summary>The kinds of thing an ACL rule governs, with Consul's names (<see cref="AclResources.Name(AclResource)"/>).</summary>
public enum AclResource
{
    /// <summary><c>acl</c>: tokens, policies and roles. Unnamed.</summary>
    Acl,

    /// <summary><c>agent</c>: an agent's endpoints, by node name.</summary>
    Agent,

    /// <summary><c>event</c>: user events, by event name.</summary>
    Event,

    /// <summary><c>intention</c>: intentions, by destination service name (the service rules' <c>intentions</c>).</summary>
    Intention,

    /// <summary><c>key</c>: the KV store, by key.</summary>
    Key,

    /// <summary><c>keyring</c>: the gossip keyring. Unnamed.</summary>
    Keyring,

    /// <summary><c>mesh</c>: mesh-wide config entries. Unnamed; falls back to <see cref="Operator"/>.</summary>
    Mesh,

    /// <summary><c>node</c>: catalog nodes, by node name.</summary>
    Node,

    /// <summary><c>operator</c>: cluster operations (Raft, autopilot). Unnamed.</summary>
    Operator,

    /// <summary><c>peering</c>: cluster peerings. Unnamed; falls back to <see cref="Operator"/>.</summary>
    Peering,

    /// <summary><c>query</c>: prepared queries, by query name.</summary>
    Query,

    /// <summary><c>service</c>: catalog services, by service name.</summary>
    Service,

    /// <summary><c>session</c>: sessions, by node name.</summary>
    Session,
}
