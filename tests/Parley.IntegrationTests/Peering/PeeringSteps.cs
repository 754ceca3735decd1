using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>The steps of the peering document, as a user runs them through the HTTP API.</summary>
internal static class PeeringSteps
{
    /// <summary>
    /// Generates a token on <paramref name="acceptor"/> (calling the other side <paramref name="dialerName"/>),
    /// establishes it on <paramref name="dialer"/> (calling the acceptor <paramref name="acceptorName"/>) and waits
    /// until both sides report ACTIVE.
    /// </summary>
    public static async Task PeerAsync(
        PeeringCluster acceptor, string dialerName, PeeringCluster dialer, string acceptorName,
            List<string>? serverExternalAddresses = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = await GenerateTokenAsync(acceptor, dialerName, serverExternalAddresses);
        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = acceptorName, PeeringToken = token }, cancellationToken: cancellationToken);
        await WaitForStateAsync(acceptor, dialerName, PeeringState.Active);
        await WaitForStateAsync(dialer, acceptorName, PeeringState.Active);
    }

    public static async Task<string> GenerateTokenAsync(
        PeeringCluster acceptor,
        string peerName,
        List<string>? serverExternalAddresses = null)
    {
        var response = await acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = peerName, ServerExternalAddresses = serverExternalAddresses },
            cancellationToken: TestContext.Current.CancellationToken);
        return response.PeeringToken;
    }

    public static Task WaitForStateAsync(PeeringCluster cluster, string peerName, string state, TimeSpan? timeout = null) =>
        Eventually.EqualAsync<string?>(
            state,
            () => cluster.StateAsync(peerName, TestContext.Current.CancellationToken),
            timeout ?? Eventually.DefaultTimeout,
            $"peering {peerName} is {state}",
            TestContext.Current.CancellationToken);

    /// <summary>Waits until <paramref name="importer"/> holds <paramref name="count"/> instances of a service from a peer.</summary>
    public static Task WaitForImportedCountAsync(
        PeeringCluster importer,
        string service,
        string peer,
        int count,
        TimeSpan? timeout = null) =>
        Eventually.EqualAsync(
            count,
            async () => (await importer.ImportedAsync(service, peer, TestContext.Current.CancellationToken)).Count,
            timeout ?? Eventually.DefaultTimeout,
            $"{count} instances of {service} are imported from {peer}", TestContext.Current.CancellationToken);

    /// <summary>Waits until the peering is gone (404) on <paramref name="cluster"/>.</summary>
    public static Task WaitForGoneAsync(PeeringCluster cluster, string peerName) =>
        Eventually.TrueAsync(
            async () =>
            {
                var peering = await cluster.PeeringAsync(peerName, TestContext.Current.CancellationToken);
                return (peering is null, peering?.State ?? "gone");
            },
            Eventually.DefaultTimeout,
            $"peering {peerName} is deleted", TestContext.Current.CancellationToken);
}
