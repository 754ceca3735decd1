using System.Text;
using System.Text.Json.Nodes;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// <c>mesh { Peering { PeerThroughMeshGateways = true } }</c> (consul-mesh §4): tokens and pushed server addresses name
/// the local mesh gateways' WAN addresses, and the dialer goes through its own gateways first. The gateways here are
/// <see cref="SniRelay"/>s, which pass the peering TLS session through by its SNI as a real mesh gateway does.
/// </summary>
public sealed class PeeringThroughMeshGatewaysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> TokenAsync(PeeringCluster acceptor, string peerName) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(await PeeringSteps.GenerateTokenAsync(acceptor, peerName))))!;

    [Fact]
    public async Task GenerateToken_NoGatewayRegistered_IsRefusedWithConsulsError()
    {
        await using var acceptor = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: Ct);
        await MeshGateways.PeerThroughMeshGatewaysAsync(acceptor, true, Ct);

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => PeeringSteps.GenerateTokenAsync(acceptor, "cluster-02"));

        Assert.Contains(
            "servers are configured to PeerThroughMeshGateways, but no mesh gateway instances are registered",
            refused.Body,
            StringComparison.Ordinal);
        Assert.Null(await acceptor.PeeringAsync("cluster-02", Ct));

        // Turned off again, the token lists the servers.
        await MeshGateways.PeerThroughMeshGatewaysAsync(acceptor, false, Ct);
        var token = await TokenAsync(acceptor, "cluster-02");
        Assert.Equal([acceptor.GrpcTlsAddress], token["ServerAddresses"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Establish_ThroughBothClustersGateways_TokenAndPushedAddressesAreTheGateways()
    {
        await using var acceptor = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: Ct);
        await using var dialer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
        await using var acceptorGateway = new SniRelay();
        await using var dialerGateway = new SniRelay();
        var acceptorServerName = $"server.dc1.peering.{await MeshGateways.TrustDomainAsync(acceptor, Ct)}";

        // The acceptor's gateway passes its server name through to its servers; the dialer's sends it on to the
        // acceptor's gateway, as a dialing cluster's gateway forwards a peer's server name to that peer's addresses.
        acceptorGateway.Route(acceptorServerName, acceptor.GrpcTlsAddress);
        dialerGateway.Route(acceptorServerName, acceptorGateway.Address);
        await MeshGateways.PeerThroughMeshGatewaysAsync(acceptor, true, Ct);
        await MeshGateways.RegisterAsync(acceptor, "acceptor-gateway", acceptorGateway.Port, HealthStatus.Passing, cancellationToken: Ct);
        await MeshGateways.PeerThroughMeshGatewaysAsync(dialer, true, Ct);
        await MeshGateways.RegisterAsync(dialer, "dialer-gateway", dialerGateway.Port, HealthStatus.Passing, cancellationToken: Ct);

        // The token names the acceptor's gateway only: its servers' own address never leaves the cluster.
        var stale = await PeeringSteps.GenerateTokenAsync(acceptor, "cluster-02");
        var token = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(stale)))!;
        Assert.Equal([acceptorGateway.Address], token["ServerAddresses"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(acceptorServerName, token["ServerName"]!.GetValue<string>());

        // A refused exchange through the gateways leaves no peering behind (the record written ahead of it goes again).
        var fresh = await PeeringSteps.GenerateTokenAsync(acceptor, "cluster-02");
        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "cluster-01", PeeringToken = stale }, cancellationToken: Ct));
        Assert.Contains("a new peering token must be generated", refused.Body, StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("cluster-01", Ct));

        var (dialerRelayed, acceptorRelayed) = (dialerGateway.Relayed.Count, acceptorGateway.Relayed.Count);
        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "cluster-01", PeeringToken = fresh },
            cancellationToken: Ct);
        await PeeringSteps.WaitForStateAsync(acceptor, "cluster-02", PeeringState.Active);
        await PeeringSteps.WaitForStateAsync(dialer, "cluster-01", PeeringState.Active);

        // Both the exchange and the stream went out through the dialer's own gateway and in through the acceptor's.
        Assert.True(dialerGateway.Relayed.Count >= dialerRelayed + 2,
            $"the dialer's gateway relayed {dialerGateway.Relayed.Count - dialerRelayed} connections");
        Assert.All(dialerGateway.Relayed, sni => Assert.Equal(acceptorServerName, sni));
        Assert.True(acceptorGateway.Relayed.Count >= acceptorRelayed + 2,
            $"the acceptor's gateway relayed {acceptorGateway.Relayed.Count - acceptorRelayed} connections");

        // A second acceptor gateway is pushed to the dialer as a server address.
        await using var secondGateway = new SniRelay();
        secondGateway.Route(acceptorServerName, acceptor.GrpcTlsAddress);
        await MeshGateways.RegisterAsync(acceptor, "acceptor-gateway-2", secondGateway.Port, HealthStatus.Passing, cancellationToken: Ct);
        await Eventually.EqualAsync(
            string.Join(",", new[] { acceptorGateway.Address, secondGateway.Address }.Order(StringComparer.Ordinal)),
            async () => string.Join(
                ",", ((await dialer.PeeringAsync("cluster-01", Ct))!.PeerServerAddresses ?? []).Order(StringComparer.Ordinal)),
            Eventually.DefaultTimeout,
            "the dialer's PeerServerAddresses are the acceptor's gateways", Ct);

        // Services flow over the gateway path.
        await acceptor.RegisterAsync("node-a", "web", "web-1", HealthStatus.Passing, Ct);
        await acceptor.ExportAsync("web", "cluster-02", Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "web", "cluster-01", 1);
    }
}
