using Parley.Client;
using Parley.Core.Peering.Doctor;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// Asks the peer's own HTTP API (<c>-peer-http-addr</c>) about the peering for <c>parley peering doctor</c>: the CLI dials it,
/// never the server, so the API is not made to dial addresses a caller hands it.
/// </summary>
internal static class PeerSideReader
{
    /// <summary>
    /// The peer's view, or null when this cluster has no such peering (the local steps already say so). The peer's record
    /// for us is the one whose IDs pair with ours: a dialer's <c>PeerID</c> is the acceptor's <c>ID</c>, and the acceptor's
    /// record has no <c>PeerID</c>, so from the acceptor we look for the peer's record whose <c>PeerID</c> is our <c>ID</c>.
    /// </summary>
    /// <exception cref="ParleyApiException">Either API refused a read.</exception>
    /// <exception cref="HttpRequestException">Either API could not be reached.</exception>
    public static async Task<PeerView?> ReadAsync(
        ParleyClient local, ParleyClient peer, string address, string peerName, string? service, CancellationToken cancellationToken)
    {
        var here = (await local.Peerings.ReadAsync(peerName, cancellationToken: cancellationToken)).Value;
        if (here is null)
        {
            return null;
        }

        var peerings = (await peer.Peerings.ListAsync(cancellationToken: cancellationToken)).Value;
        var there = string.IsNullOrEmpty(here.PeerID)
            ? peerings.FirstOrDefault(p => string.Equals(p.PeerID, here.ID, StringComparison.Ordinal))
            : peerings.FirstOrDefault(p => string.Equals(p.ID, here.PeerID, StringComparison.Ordinal));
        var view = new PeerView { Address = address, StateHere = here.State, NameThere = there?.Name, StateThere = there?.State };
        if (there is null || service is null
            || (await local.Health.ServiceAsync(service, cancellationToken: cancellationToken)).Value.Count == 0)
        {
            // Nothing to ask, or this cluster imports the service rather than exports it: the local import answers that.
            return view;
        }

        var imported = await peer.Health.ServiceAsync(
            service,
            options: new QueryOptions { Peer = there.Name },
            cancellationToken: cancellationToken);
        return view with { ImportedThere = imported.Value.Count };
    }
}
