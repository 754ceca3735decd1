namespace Parley.Client;

/// <summary><c>/v1/acl</c>: bootstrap, tokens, policies and roles (Consul's <c>client.ACL()</c>).</summary>
public sealed class ACLClient
{
    private readonly ApiTransport _transport;

    internal ACLClient(ApiTransport transport) => _transport = transport;

    /// <summary>Creates the first management token (<c>PUT /v1/acl/bootstrap</c>); refused once done.</summary>
    public Task<ACLToken> BootstrapAsync(WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.WriteAsync<ACLToken>(HttpMethod.Put, "v1/acl/bootstrap", null, options, null, cancellationToken);

    /// <summary><c>PUT /v1/acl/token</c>.</summary>
    public Task<ACLToken> TokenCreateAsync(ACLToken token, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.WriteAsync<ACLToken>(HttpMethod.Put, "v1/acl/token", token, options, null, cancellationToken);

    /// <summary><c>PUT /v1/acl/token/:AccessorID</c>.</summary>
    public Task<ACLToken> TokenUpdateAsync(ACLToken token, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(token.AccessorID, nameof(token));
        return _transport.WriteAsync<ACLToken>(
            HttpMethod.Put,
            "v1/acl/token/" + ApiTransport.Escape(token.AccessorID),
            token,
            options,
            null,
            cancellationToken);
    }

    /// <summary><c>GET /v1/acl/token/:AccessorID</c>.</summary>
    public Task<QueryResult<ACLToken>> TokenReadAsync(
        string accessorId,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessorId);
        return _transport.QueryAsync<ACLToken>("v1/acl/token/" + ApiTransport.Escape(accessorId), options, null, cancellationToken);
    }

    /// <summary><c>GET /v1/acl/token/self</c>: the token the request carries.</summary>
    public Task<QueryResult<ACLToken>> TokenReadSelfAsync(QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.QueryAsync<ACLToken>("v1/acl/token/self", options, null, cancellationToken);

    /// <summary><c>GET /v1/acl/tokens</c>.</summary>
    public async Task<QueryResult<IReadOnlyList<ACLTokenListEntry>>> TokenListAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<ACLTokenListEntry>?>("v1/acl/tokens", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary><c>DELETE /v1/acl/token/:AccessorID</c>.</summary>
    public Task TokenDeleteAsync(string accessorId, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessorId);
        return _transport.WriteAsync(
            HttpMethod.Delete,
            "v1/acl/token/" + ApiTransport.Escape(accessorId),
            null,
            options,
            null,
            cancellationToken);
    }

    /// <summary><c>PUT /v1/acl/policy</c>.</summary>
    public Task<ACLPolicy> PolicyCreateAsync(
        ACLPolicy policy,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.WriteAsync<ACLPolicy>(HttpMethod.Put, "v1/acl/policy", policy, options, null, cancellationToken);

    /// <summary><c>PUT /v1/acl/policy/:ID</c>.</summary>
    public Task<ACLPolicy> PolicyUpdateAsync(ACLPolicy policy, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(policy.ID, nameof(policy));
        return _transport.WriteAsync<ACLPolicy>(
            HttpMethod.Put,
            "v1/acl/policy/" + ApiTransport.Escape(policy.ID),
            policy,
            options,
            null,
            cancellationToken);
    }

    /// <summary><c>GET /v1/acl/policy/:ID</c>.</summary>
    public Task<QueryResult<ACLPolicy>> PolicyReadAsync(
        string id,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.QueryAsync<ACLPolicy>("v1/acl/policy/" + ApiTransport.Escape(id), options, null, cancellationToken);
    }

    /// <summary><c>GET /v1/acl/policy/name/:Name</c>.</summary>
    public Task<QueryResult<ACLPolicy>> PolicyReadByNameAsync(
        string name,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _transport.QueryAsync<ACLPolicy>("v1/acl/policy/name/" + ApiTransport.Escape(name), options, null, cancellationToken);
    }

    /// <summary><c>GET /v1/acl/policies</c>.</summary>
    public async Task<QueryResult<IReadOnlyList<ACLPolicyListEntry>>> PolicyListAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<ACLPolicyListEntry>?>("v1/acl/policies", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary><c>DELETE /v1/acl/policy/:ID</c>.</summary>
    public Task PolicyDeleteAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.WriteAsync(HttpMethod.Delete, "v1/acl/policy/" + ApiTransport.Escape(id), null, options, null, cancellationToken);
    }

    /// <summary><c>PUT /v1/acl/role</c>.</summary>
    public Task<ACLRole> RoleCreateAsync(ACLRole role, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.WriteAsync<ACLRole>(HttpMethod.Put, "v1/acl/role", role, options, null, cancellationToken);

    /// <summary><c>PUT /v1/acl/role/:ID</c>.</summary>
    public Task<ACLRole> RoleUpdateAsync(ACLRole role, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentException.ThrowIfNullOrEmpty(role.ID, nameof(role));
        return _transport.WriteAsync<ACLRole>(
            HttpMethod.Put,
            "v1/acl/role/" + ApiTransport.Escape(role.ID),
            role,
            options,
            null,
            cancellationToken);
    }

    /// <summary><c>GET /v1/acl/role/:ID</c>.</summary>
    public Task<QueryResult<ACLRole>> RoleReadAsync(string id, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.QueryAsync<ACLRole>("v1/acl/role/" + ApiTransport.Escape(id), options, null, cancellationToken);
    }

    /// <summary><c>GET /v1/acl/role/name/:Name</c>.</summary>
    public Task<QueryResult<ACLRole>> RoleReadByNameAsync(
        string name,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _transport.QueryAsync<ACLRole>("v1/acl/role/name/" + ApiTransport.Escape(name), options, null, cancellationToken);
    }

    /// <summary><c>GET /v1/acl/roles</c>.</summary>
    public async Task<QueryResult<IReadOnlyList<ACLRole>>> RoleListAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<ACLRole>?>("v1/acl/roles", options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary><c>DELETE /v1/acl/role/:ID</c>.</summary>
    public Task RoleDeleteAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.WriteAsync(HttpMethod.Delete, "v1/acl/role/" + ApiTransport.Escape(id), null, options, null, cancellationToken);
    }
}
