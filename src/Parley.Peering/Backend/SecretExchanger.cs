using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Peering;
using Parley.Mesh;
using Parley.Peering.V1;

namespace Parley.Peering.Backend;

/// <summary>
/// The dialer's half of establishment: calls <c>ExchangeSecret</c> on the acceptor over TLS (verified against
/// the token's CA and server name), trying the token's addresses in turn within a budget, as Consul's dialer does.
/// </summary>
/// <remarks>
/// Every attempt carries the same establishment secret and the same exchange id (metadata <see cref="ExchangeIdHeader"/>,
/// a Parley addition a Consul acceptor ignores), derived from this cluster and the peering's local name. An attempt cut
/// off by its timeout may still have been applied by the acceptor's leader; a Parley acceptor answers a repeat of that
/// secret with that id with the same pending stream secret (until a stream promotes it or a new token replaces it), so the
/// next attempt, ordered after the first in the acceptor's log, picks up the same answer instead of being refused, and so does the user's
/// re-run of an establish that timed out. The same token used for another name, or by another cluster, has another id
/// and is refused, as in Consul. Only <c>PermissionDenied</c> ends the loop early.
/// </remarks>
public sealed class SecretExchanger(IOptions<PeeringOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    /// <summary>gRPC metadata key carrying the id shared by the attempts of one exchange.</summary>
    public const string ExchangeIdHeader = "parley-exchange-id";

    /// <summary>Longest exchange id an acceptor accepts; a longer one is ignored (the exchange is then single-shot).</summary>
    public const int MaxExchangeIdLength = 64;

    /// <summary>
    /// Timeout of one attempt (dial and call). Kept per attempt rather than letting the call run to the end of the budget:
    /// an unresponsive address then costs 2 s, not the whole budget, and a slow acceptor costs nothing extra because the
    /// retry gets the answer the timed-out attempt produced. Attempts start until the budget is spent.
    /// </summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The exchange id of this cluster's establishment of <paramref name="peerName"/>: the same for every attempt and for
    /// every establish of that name with that token (a user re-running a timed-out establish gets the stream secret its
    /// first try stored), different for another name or another cluster (which stay refused, as in Consul).
    /// </summary>
    /// <param name="localServerName">This cluster's peering server name (its CA's), or null when it has none yet.</param>
    /// <param name="peerName">The local name of the peering being established.</param>
    public static string ExchangeIdFor(string? localServerName, string peerName)
    {
        ArgumentNullException.ThrowIfNull(peerName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes((localServerName ?? "") + "\n" + peerName));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Returns the stream secret, or throws with Consul's texts. With local gateways (peering through mesh gateways)
    /// it waits <see cref="PeeringOptions.MeshGatewayWait"/> so they can learn the route to the peer's servers, tries
    /// only them for a whole budget, then the gateways and the token's addresses for another (Consul's order).
    /// </summary>
    /// <param name="token">The decoded peering token.</param>
    /// <param name="exchangeId">Sent with every attempt (<see cref="ExchangeIdFor"/>); at most <see cref="MaxExchangeIdLength"/>
    /// characters.</param>
    /// <param name="gateways">The local mesh gateways to go through first; empty to dial the token's addresses only.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public async Task<string> ExchangeAsync(
        PeeringToken token,
        string exchangeId,
        IReadOnlyList<string> gateways,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(exchangeId);
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count > 0)
        {
            await Task.Delay(options.Value.MeshGatewayWait, timeProvider, cancellationToken);
            var (secret, _) = await TryAsync(token, exchangeId, gateways, cancellationToken);
            if (secret is not null)
            {
                return secret;
            }
        }

        var all = gateways.Count == 0 ? token.DialAddresses : [.. gateways, .. token.DialAddresses];
        var (streamSecret, errors) = await TryAsync(token, exchangeId, all, cancellationToken);
        return streamSecret ?? throw ParleyException.Rejected(string.Join("; ", errors));
    }

    /// <summary>Walks <paramref name="addresses"/> until one answers or the budget is spent; the errors seen otherwise.</summary>
    private async Task<(string? Secret, IReadOnlyList<string> Errors)> TryAsync(
        PeeringToken token, string exchangeId, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + options.Value.ExchangeBudget;
        var errors = new List<string>();
        var attempt = 0;
        do
        {
            var address = addresses[attempt % addresses.Count];
            attempt++;
            try
            {
                return (await ExchangeOnceAsync(token, address, exchangeId, cancellationToken), errors);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                throw ParleyException.Rejected("a new peering token must be generated: " + e.Status.Detail);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                var detail = $"failed to exchange peering secret through address \"{address}\": {Describe(e)}";
                if (!errors.Contains(detail))
                {
                    errors.Add(detail);
                }
            }

            // Consul sleeps 150 ms with 25% jitter between attempts.
            var pause = TimeSpan.FromMilliseconds(150 * (0.75 + (Random.Shared.NextDouble() * 0.5)));
            await Task.Delay(pause, timeProvider, cancellationToken);
        }
        while (timeProvider.GetUtcNow() < deadline);

        return (null, errors);
    }

    private async Task<string> ExchangeOnceAsync(PeeringToken token, string address, string exchangeId, CancellationToken cancellationToken)
    {
        using var validator = token.CA is { Count: > 0 } ca ? new PeerCertificateValidator(ca, token.ServerName, timeProvider) : null;
        using var channel = PeerChannelFactory.Create(address, validator, loggerFactory);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);
        try
        {
            var response = await client.ExchangeSecretAsync(
                new ExchangeSecretRequest { PeerId = token.PeerID, EstablishmentSecret = token.EstablishmentSecret },
                new Metadata { { ExchangeIdHeader, exchangeId } },
                deadline: DateTime.UtcNow + AttemptTimeout,
                cancellationToken: cancellationToken);
            return response.StreamSecret;
        }
        catch (RpcException e) when (TlsRefusal.Explain(e, validator) is { } refused)
        {
            throw refused;
        }
    }

    private static string Describe(RpcException e)
    {
        var description = e.Status.DebugException is { } debug && debug is not RpcException
            ? debug.InnerException?.Message ?? debug.Message
            : e.Status.Detail;
        return $"rpc error: code = {e.StatusCode} desc = {description}";
    }
}
