using Parley.Client;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <summary><see cref="IGatewayReads"/> over the local agent's public HTTP API: the sidecar's reads plus the gateway's own.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ClientGatewayReads(ParleyClient client) : ClientAgentReads(client), IGatewayReads
{
    /// <summary>The <c>consul</c> service's meta key holding a server's gRPC TLS port (Consul's).</summary>
    public const string GrpcTlsPortMeta = "grpc_tls_port";

    /// <inheritdoc/>
    public async Task<(LeafCertificate Value, ulong Index)> MeshGatewayLeafAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (leaf, meta) = await Client.Agent.MeshGatewayLeafAsync(Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (LeafCertificate.FromPem(leaf.CertPEM, leaf.PrivateKeyPEM), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<ExportedServiceInput> Value, ulong Index)> ExportedServicesAsync(
        ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (rows, meta) = await Client.ExportedServicesAsync(Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (rows.Select(r => new ExportedServiceInput(r.Service, r.Consumers.Peers ?? [])).ToList(), meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<ImportedServiceInput> Value, ulong Index)> ImportedServicesAsync(
        ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (rows, meta) = await Client.ImportedServicesAsync(Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (rows.Where(r => r.SourcePeer is { Length: > 0 }).Select(r => new ImportedServiceInput(r.Service, r.SourcePeer!)).ToList(),
            meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> LocalServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (entries, meta) =
            await Client.Health.ServiceAsync("consul", options: Blocking(index, wait), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var servers = new List<EndpointInput>();
        foreach (var entry in entries)
        {
            if (entry.Service?.Meta?.GetValueOrDefault(GrpcTlsPortMeta) is { } text && int.TryParse(text, out var port) && port > 0)
            {
                servers.Add(ToEndpoint(entry) with { Port = port });
            }
        }

        return (servers, meta.LastIndex);
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<PeerServersInput> Value, ulong Index)> PeerServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (peerings, meta) = await Client.Peerings.ListAsync(Blocking(index, wait), cancellationToken).ConfigureAwait(false);
        return (peerings
            .Where(p => p.PeerServerName is { Length: > 0 } && p.PeerServerAddresses is { Count: > 0 })
            .Select(p => new PeerServersInput(p.Name, p.PeerServerName!, p.PeerServerAddresses!))
            .ToList(), meta.LastIndex);
    }
}
