using System.Collections.Concurrent;
using Parley.Core;
using Parley.Core.Peering;

namespace Parley.Peering.Backend;

/// <summary>
/// The last refused exchange of each peer name this server tried to establish, kept in memory for <c>parley peering
/// doctor</c>: a refused establish writes nothing (so there is no peering to report on), yet "why is there no peering?" is
/// exactly what the doctor is asked then. Only the server that took the establish request knows it; a later establish of
/// the name, refused or not, replaces or clears it.
/// </summary>
public sealed partial class PeeringBackend
{
    /// <summary>How many names are remembered; the oldest failure goes first.</summary>
    private const int MaxEstablishFailures = 64;

    private readonly ConcurrentDictionary<string, EstablishFailure> _establishFailures = new(StringComparer.Ordinal);

    /// <summary>
    /// The last refused exchange of <paramref name="peerName"/> on this server since the last successful establish; null when none.
    /// </summary>
    public EstablishFailure? LastEstablishFailure(string peerName) => _establishFailures.GetValueOrDefault(peerName);

    private async Task<string> ExchangeRememberingAsync(
        PeeringToken token,
        State.Peering.PeeringRecord draft,
        bool isNew,
        CancellationToken cancellationToken)
    {
        try
        {
            var secret = await ExchangeAsync(token, draft, isNew, cancellationToken);
            _establishFailures.TryRemove(draft.Name, out _);
            return secret;
        }
        catch (ParleyException e)
        {
            _establishFailures[draft.Name] = new EstablishFailure(e.Message, timeProvider.GetUtcNow());
            if (_establishFailures.Count > MaxEstablishFailures
                && _establishFailures.MinBy(f => f.Value.At) is { Key: var oldest })
            {
                _establishFailures.TryRemove(oldest, out _);
            }

            throw;
        }
    }
}
