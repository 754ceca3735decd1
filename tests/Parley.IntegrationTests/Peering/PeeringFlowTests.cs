using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>The peering document end to end on two real clusters: token, establish, export, health, changes, delete.</summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringFlowTests(ClusterPairFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Peering_ExportChangesAndDeleteOnAcceptor_FlowToTheDialerAndEndInTermination()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        await acceptor.RegisterAsync("flow-node-a", "flow-backend", "flow-backend-1", HealthStatus.Passing, Ct);
        await acceptor.RegisterAsync("flow-node-a", "flow-secret", "flow-secret-1", HealthStatus.Passing, Ct);

        await PeeringSteps.PeerAsync(acceptor, "flow-dialer", dialer, "flow-acceptor");
        await acceptor.ExportAsync("flow-backend", "flow-dialer", Ct);

        // The exported service arrives with PeerName set and its checks flattened to one overall-check.
        await PeeringSteps.WaitForImportedCountAsync(dialer, "flow-backend", "flow-acceptor", 1);
        var imported = Assert.Single(await dialer.ImportedAsync("flow-backend", "flow-acceptor", Ct));
        Assert.Equal("flow-acceptor", imported.Service!.PeerName);
        Assert.Equal("flow-acceptor", imported.Node!.PeerName);
        var check = Assert.Single(imported.Checks!);
        Assert.Equal("flow-backend-1:overall-check", check.CheckID);
        Assert.Equal("overall-check", check.Name);
        Assert.Equal(HealthStatus.Passing, check.Status);

        // Imported data lives apart from local data, and the unexported service never crosses.
        Assert.Empty((await dialer.Client.Health.ServiceAsync("flow-backend", cancellationToken: Ct)).Value);
        Assert.Empty(await dialer.ImportedAsync("flow-secret", "flow-acceptor", Ct));
        Assert.Equal(["flow-backend"], await dialer.ImportedNamesAsync("flow-acceptor", Ct));

        // Both sides' stream status names the service.
        await Eventually.TrueAsync(
            async () =>
            {
                var exported = (await acceptor.PeeringAsync("flow-dialer", Ct))!.StreamStatus.ExportedServices;
                var importedList = (await dialer.PeeringAsync("flow-acceptor", Ct))!.StreamStatus.ImportedServices;
                return (exported is ["flow-backend"] && importedList is ["flow-backend"],
                    $"exported [{string.Join(",", exported ?? [])}], imported [{string.Join(",", importedList ?? [])}]");
            },
            Eventually.DefaultTimeout,
            "the stream status lists the exported service on both sides", Ct);
        Assert.NotNull((await dialer.PeeringAsync("flow-acceptor", Ct))!.StreamStatus.LastReceive);

        // Health flips, new and removed instances propagate.
        await acceptor.RegisterAsync("flow-node-a", "flow-backend", "flow-backend-1", HealthStatus.Critical, Ct);
        await Eventually.EqualAsync(
            HealthStatus.Critical,
            async () => (await dialer.ImportedAsync("flow-backend", "flow-acceptor", Ct)).Single().Checks!.Single().Status,
            Eventually.DefaultTimeout,
            "the critical check reaches the dialer", Ct);
        await acceptor.RegisterAsync("flow-node-c", "flow-backend", "flow-backend-2", HealthStatus.Passing, Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "flow-backend", "flow-acceptor", 2);
        await acceptor.Client.Catalog.DeregisterAsync(new CatalogDeregistration { Node = "flow-node-c" }, cancellationToken: Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "flow-backend", "flow-acceptor", 1);
        Assert.DoesNotContain(
            (await dialer.Client.Catalog.NodesAsync(new QueryOptions { Peer = "flow-acceptor" }, Ct)).Value, n => n.Name == "flow-node-c");

        // Deleting on the acceptor terminates the dialer's side, which drops what it imported.
        await acceptor.Client.Peerings.DeleteAsync("flow-dialer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(acceptor, "flow-dialer");
        await PeeringSteps.WaitForStateAsync(dialer, "flow-acceptor", PeeringState.Terminated);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "flow-backend", "flow-acceptor", 0);
        await Eventually.EqualAsync(0, async () => (await dialer.ImportedNamesAsync("flow-acceptor", Ct)).Count, Eventually.DefaultTimeout,
            "no imported service is left", Ct);

        // The acceptor's own services are untouched.
        Assert.Single((await acceptor.Client.Health.ServiceAsync("flow-backend", cancellationToken: Ct)).Value);
    }

    [Fact]
    public async Task Peering_DeleteOnDialer_RemovesItsRecordAndImportsAndTerminatesTheAcceptor()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        await acceptor.RegisterAsync("dd-node-a", "dd-web", "dd-web-1", HealthStatus.Passing, Ct);
        await dialer.RegisterAsync("dd-node-b", "dd-api", "dd-api-1", HealthStatus.Warning, Ct);
        await PeeringSteps.PeerAsync(acceptor, "dd-dialer", dialer, "dd-acceptor");

        // Services flow both ways: each side exports to its own name for the other.
        await acceptor.ExportAsync("dd-web", "dd-dialer", Ct);
        await dialer.ExportAsync("dd-api", "dd-acceptor", Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "dd-web", "dd-acceptor", 1);
        await PeeringSteps.WaitForImportedCountAsync(acceptor, "dd-api", "dd-dialer", 1);
        Assert.Equal(HealthStatus.Warning, (await acceptor.ImportedAsync("dd-api", "dd-dialer", Ct)).Single().Checks!.Single().Status);

        await dialer.Client.Peerings.DeleteAsync("dd-acceptor", cancellationToken: Ct);

        await PeeringSteps.WaitForGoneAsync(dialer, "dd-acceptor");
        await PeeringSteps.WaitForImportedCountAsync(dialer, "dd-web", "dd-acceptor", 0);
        await PeeringSteps.WaitForStateAsync(acceptor, "dd-dialer", PeeringState.Terminated);
        await PeeringSteps.WaitForImportedCountAsync(acceptor, "dd-api", "dd-dialer", 0);

        // A terminated peering stays until an operator deletes it; then it goes.
        await acceptor.Client.Peerings.DeleteAsync("dd-dialer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(acceptor, "dd-dialer");
    }

    [Fact]
    public async Task Establish_UsedToken_IsRefusedAndWritesNothing()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        var token = await PeeringSteps.GenerateTokenAsync(acceptor, "reuse-dialer");
        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "reuse-acceptor", PeeringToken = token },
            cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "reuse-again", PeeringToken = token }, cancellationToken: Ct));

        Assert.Contains(
            "a new peering token must be generated: invalid peering establishment secret",
            refused.Body,
            StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("reuse-again", Ct));
        await PeeringSteps.WaitForStateAsync(dialer, "reuse-acceptor", PeeringState.Active);
    }

    [Fact]
    public async Task GenerateToken_Again_InvalidatesTheUnusedTokenAndLeavesALiveStreamAlone()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        var first = await PeeringSteps.GenerateTokenAsync(acceptor, "regen-dialer");
        var second = await PeeringSteps.GenerateTokenAsync(acceptor, "regen-dialer");

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "regen-acceptor", PeeringToken = first }, cancellationToken: Ct));
        Assert.Contains("a new peering token must be generated", refused.Body, StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("regen-acceptor", Ct));

        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "regen-acceptor", PeeringToken = second },
            cancellationToken: Ct);
        await PeeringSteps.WaitForStateAsync(acceptor, "regen-dialer", PeeringState.Active);
        await PeeringSteps.WaitForStateAsync(dialer, "regen-acceptor", PeeringState.Active);

        // A third token for the live peering does not disturb its stream.
        await PeeringSteps.GenerateTokenAsync(acceptor, "regen-dialer");
        await Task.Delay(500, Ct);
        Assert.Equal(PeeringState.Active, await acceptor.StateAsync("regen-dialer", Ct));
        Assert.Equal(PeeringState.Active, await dialer.StateAsync("regen-acceptor", Ct));
    }
}
