using Google.Protobuf.WellKnownTypes;
using Parley.Peering.V1;
using Parley.State.Commands;
using Parley.State.Peering;

namespace Parley.Peering.Stream;

internal sealed partial class PeerStreamSession
{
    /// <summary>
    /// Applies one resource the peer exported to this cluster. Everything is written under this peering's own local
    /// name, whatever the message says, so a peer can only ever change what it exported here.
    /// </summary>
    private async Task UpsertAsync(string url, string resourceId, Any resource, CancellationToken cancellationToken)
    {
        RequireTypeUrl(url, resource);
        switch (url)
        {
            case ResourceUrls.ExportedServiceList:
                var names = resource.Unpack<ExportedServiceList>().Services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .ToList();
                await ApplyAsync(new PruneImportedServices(PeerName, names), cancellationToken);
                _host.Tracker.SetImportedServices(PeeringId, names);
                break;

            case ResourceUrls.ExportedService:
                if (PrepareImport(resourceId, resource) is { } import)
                {
                    await ApplyAsync(import, cancellationToken);
                    _host.Tracker.ServicesImported(PeeringId, [import.ServiceName]);
                }

                break;

            case ResourceUrls.PeeringTrustBundle:
                var bundle = resource.Unpack<V1.PeeringTrustBundle>();
                await ApplyAsync(
                    new WriteTrustBundle(new TrustBundle
                    {
                        PeerName = PeerName,
                        TrustDomain = bundle.TrustDomain,
                        RootPEMs = [.. bundle.RootPems],
                        ExportedPartition = bundle.ExportedPartition,
                    }),
                    cancellationToken);
                break;

            case ResourceUrls.PeeringServerAddresses:
                var addresses = resource.Unpack<PeeringServerAddresses>().Addresses.ToList();
                if (addresses.Count > 0)
                {
                    await ApplyAsync(new SetPeerServerAddresses(PeeringId, addresses), cancellationToken);
                }

                break;
        }
    }

    /// <summary>
    /// Decodes one exported service (a page of it) into the command that reconciles it here, or null while pages of
    /// it are still missing.
    /// </summary>
    /// <exception cref="InvalidDataException">The resource is not a well-formed exported service.</exception>
    private ReconcileImportedService? PrepareImport(string resourceId, Any resource)
    {
        RequireTypeUrl(ResourceUrls.ExportedService, resource);
        if (resourceId.Length == 0)
        {
            throw new InvalidDataException("an exported service needs its name as resource ID");
        }

        var nodes = _assembler.Add(resourceId, resource.Unpack<ExportedService>());
        return nodes is null ? null : new ReconcileImportedService(PeerName, resourceId, ToInstances(nodes));
    }

    private static void RequireTypeUrl(string url, Any resource)
    {
        if (resource.TypeUrl != url)
        {
            throw new InvalidDataException($"mismatched resourceURL \"{url}\" and Any typeUrl \"{resource.TypeUrl}\"");
        }
    }

    private static List<ImportedInstance> ToInstances(IReadOnlyList<CheckServiceNode> nodes)
    {
        var instances = new List<ImportedInstance>(nodes.Count);
        foreach (var message in nodes)
        {
            var (node, service, checks) = CatalogProtoMapper.FromProto(message);
            if (node.Name.Length == 0 || service.ID.Length == 0)
            {
                throw new InvalidDataException("every imported instance needs a node name and a service ID");
            }

            instances.Add(new ImportedInstance(node, service, checks));
        }

        return instances;
    }

    private async Task ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        var result = await _host.Replicator.ApplyAsync(command, cancellationToken);
        result.ThrowIfRejected();
    }
}
