using System.Globalization;

namespace Parley.Core.Peering.Doctor;

/// <summary>
/// Folds the peer's side into the steps the local API judged: "peering exists and is ACTIVE" on both sides, naming the
/// side that is not, and "the peer sees it" from the peer's own <c>?peer=</c> read. Without a <see cref="PeerView"/> those
/// two steps say they were not checked from the peer. Pure: the CLI gathers the view, this decides.
/// </summary>
public static class PeerSideCheck
{
    private const string NotChecked = "; not checked from the peer (give -peer-http-addr)";

    /// <summary>The local <paramref name="steps"/> with the peer's side folded in, the first-failure rule applied again.</summary>
    /// <param name="steps">The local API's steps, in order.</param>
    /// <param name="peerName">This cluster's name for the peer.</param>
    /// <param name="view">What the peer's API said; null when it was not asked.</param>
    public static IReadOnlyList<DoctorStep> Apply(IReadOnlyList<DoctorStep> steps, string peerName, PeerView? view)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(peerName);
        var folded = steps.Select(step => (step.ID, step.Status) switch
        {
            (_, DoctorStep.Skip) => step,
            ("peering", _) => view is null ? Untold(step) : Peering(step, steps, peerName, view),
            ("peer-sees", _) when view?.ImportedThere is { } count => PeerSees(step, view, count),
            ("peer-sees", DoctorStep.Pass) when view is null && step.Detail.StartsWith("sent to ", StringComparison.Ordinal)
                => Untold(step),
            _ => step,
        });
        return PeeringDoctor.Settle(folded);
    }

    private static DoctorStep Untold(DoctorStep step) => step.Status == DoctorStep.Pass
        ? step with { Detail = step.Detail + NotChecked }
        : step;

    private static DoctorStep Peering(DoctorStep step, IReadOnlyList<DoctorStep> steps, string peerName, PeerView view)
    {
        if (step.Status == DoctorStep.Fail)
        {
            return step;
        }

        if (view.NameThere is null)
        {
            return step with
            {
                Status = DoctorStep.Fail,
                Detail = $"{step.Detail}; the peer at {view.Address} has no peering paired with this one",
                Fix = $"the peering was deleted on the peer:" +
                    $" delete {peerName} here (parley peering delete -name {peerName}) and peer again",
            };
        }

        var here = view.StateHere == "ACTIVE";
        var there = view.StateThere == "ACTIVE";
        var detail = $"{view.StateHere ?? "unknown"} here, {view.StateThere ?? "unknown"} on the peer (as \"{view.NameThere}\")";
        if (here && there)
        {
            return step with { Detail = detail };
        }

        // The local stream step (judged but about to be skipped) knows why this side is down.
        var stream = steps.FirstOrDefault(s => s.ID == "stream" && s.Status == DoctorStep.Fail);
        var fix = !here && stream?.Fix is { } streamFix
            ? streamFix
            : $"read the peer's side: parley peering read -name {view.NameThere} -http-addr {view.Address}";
        var side = (here, there) switch
        {
            (false, false) => "neither side is ACTIVE",
            (false, true) => "not ACTIVE here",
            _ => "not ACTIVE on the peer",
        };
        return step with
        {
            Status = DoctorStep.Fail,
            Detail = $"{side}: {detail}" + (!here && stream is not null ? $": {stream.Detail}" : ""),
            Fix = fix,
        };
    }

    private static DoctorStep PeerSees(DoctorStep step, PeerView view, int count) =>
        count > 0
            ? step with
            {
                Status = DoctorStep.Pass,
                Detail =
                    $"the peer sees {count.ToString(CultureInfo.InvariantCulture)} instance{(count == 1 ? "" : "s")} " +
                    $"(?peer={view.NameThere} at {view.Address})",
                Fix = null,
            }
            : step with
            {
                Status = DoctorStep.Fail,
                Detail = $"the peer at {view.Address} has no instance of it from this cluster (?peer={view.NameThere})",
                Fix = "wait a few seconds; if it stays empty, read the stream's last error on both sides (parley peering read)",
            };
}
