using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway;
using Parley.Proxy.Gateway.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <content>What a mesh gateway reads besides a sidecar's: its leaf, exports, imports, servers and peerings.</content>
internal sealed partial class FakeAgent : IGatewayReads
{
    private LeafCertificate? _gatewayLeaf;
    private IReadOnlyList<ExportedServiceInput> _exports = [];
    private IReadOnlyList<ImportedServiceInput> _imports = [];
    private IReadOnlyList<EndpointInput> _servers = [];
    private IReadOnlyList<PeerServersInput> _peerServers = [];
    /// <summary>The key under which reads of the local servers are recorded (see <see cref="WaitWatchingAsync"/>).</summary>
    public static readonly EndpointKey ServersKey = new("consul", "(servers)");

    public FakeAgent GatewayLeaf(LeafCertificate value)
    {
        _gatewayLeaf = value;
        return this;
    }

    public FakeAgent Exports(params ExportedServiceInput[] value)
    {
        _exports = value;
        return this;
    }

    public FakeAgent Imports(params ImportedServiceInput[] value)
    {
        _imports = value;
        return this;
    }

    public FakeAgent Servers(params EndpointInput[] value)
    {
        _servers = value;
        return this;
    }

    public FakeAgent PeerServers(params PeerServersInput[] value)
    {
        _peerServers = value;
        return this;
    }

    public Task<(LeafCertificate Value, ulong Index)> MeshGatewayLeafAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _gatewayLeaf ?? throw new HttpRequestException("no gateway leaf yet"), cancellationToken);

    public Task<(IReadOnlyList<ExportedServiceInput> Value, ulong Index)> ExportedServicesAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _exports, cancellationToken);

    public Task<(IReadOnlyList<ImportedServiceInput> Value, ulong Index)> ImportedServicesAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _imports, cancellationToken);

    public async Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> LocalServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        Watching(ServersKey, 1);
        try
        {
            return await ReadAsync(index, wait, () => _servers, cancellationToken);
        }
        finally
        {
            Watching(ServersKey, -1);
        }
    }

    public Task<(IReadOnlyList<PeerServersInput> Value, ulong Index)> PeerServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken) =>
        ReadAsync(index, wait, () => _peerServers, cancellationToken);
}
