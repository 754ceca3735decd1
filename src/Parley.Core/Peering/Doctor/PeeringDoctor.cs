using System.Globalization;

namespace Parley.Core.Peering.Doctor;

/// <summary>
/// The steps a service takes to a peer, in the order of issue #15, judged from <see cref="DoctorFacts"/>: the first step
/// that fails is named with what to do, every step after it is skipped, so nothing earlier ever fails.
/// </summary>
public static class PeeringDoctor
{
    /// <summary>Judges every step; see <see cref="IsWhole"/> for the verdict.</summary>
    public static IReadOnlyList<DoctorStep> Diagnose(DoctorFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var steps = new List<DoctorStep>();
        var failed = false;
        foreach (var check in Checks(facts))
        {
            var step = check();
            if (step is null)
            {
                continue;
            }

            steps.Add(failed && step.Status != DoctorStep.Skip
                ? step with { Status = DoctorStep.Skip, Detail = "not checked: an earlier step failed", Fix = null }
                : step);
            failed |= step.Status == DoctorStep.Fail;
        }

        return steps;
    }

    /// <summary>Whether no step failed: the path is whole.</summary>
    public static bool IsWhole(IEnumerable<DoctorStep> steps) => steps.All(s => s.Status != DoctorStep.Fail);

    /// <summary>
    /// Re-applies the first-failure rule after steps were changed (the CLI adds what the peer's API said): every step after the first
    /// failure is skipped.
    /// </summary>
    public static IReadOnlyList<DoctorStep> Settle(IEnumerable<DoctorStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var result = new List<DoctorStep>();
        var failed = false;
        foreach (var step in steps)
        {
            result.Add(failed && step.Status != DoctorStep.Skip
                ? step with { Status = DoctorStep.Skip, Detail = "not checked: an earlier step failed", Fix = null }
                : step);
            failed |= step.Status == DoctorStep.Fail;
        }

        return result;
    }

    private static IEnumerable<Func<DoctorStep?>> Checks(DoctorFacts f)
    {
        var peer = f.PeerName;
        yield return () => f.State switch
        {
            null when f.LastEstablishError is { } refused => Fail("peering", "Peering exists and is ACTIVE",
                $"no peering named \"{peer}\" here: the last establish was refused: {refused}", EstablishFix(refused)),
            null => Fail("peering", "Peering exists and is ACTIVE", $"no peering named \"{peer}\" here",
                $"generate a token here (parley peering generate-token -name {peer}) or establish with the peer's token"),
            "ACTIVE" => Pass("peering", "Peering exists and is ACTIVE", "ACTIVE here"),
            // Established, with the stream down or still opening: the stream step says why.
            "FAILING" or "ESTABLISHING" => Pass("peering", "Peering exists and is ACTIVE", $"established; {f.State} here"),
            "EXPIRED" => Fail("peering", "Peering exists and is ACTIVE", "EXPIRED: the token expired before the peer used it",
                $"generate a new token (parley peering generate-token -name {peer}) and establish with it on the peer"),
            "PENDING" => Fail("peering", "Peering exists and is ACTIVE", "PENDING: the peer has not established with the token",
                "establish on the peer with this cluster's token (parley peering establish)"),
            var state => Fail("peering", "Peering exists and is ACTIVE", $"{state} here" + (f.LastError is null ? "" : $": {f.LastError}"),
                state is "TERMINATED" or "DELETING"
                    ? "the peering has ended: delete it and peer again"
                    : "check that the peer's servers are reachable on their gRPC TLS port and that the token's CA is the peer's"),
        };
        yield return () => f.StreamHealthy
            ? Pass("stream", "Stream healthy", "connected, heard from the peer within the heartbeat timeout")
            : Fail("stream", "Stream healthy", f.LastError is null
                ? "nothing heard from the peer within the heartbeat timeout"
                : f.LastError,
                "check the network path to the peer's gRPC TLS port and the peer's servers");
        yield return () => f.TrustBundle
            ? Pass("trust-bundle", "Trust bundle received", "the peer's CA roots are stored here")
            : Fail("trust-bundle", "Trust bundle received", "no trust bundle from the peer yet",
                "wait for the stream to deliver it; if it stays missing, the peer's Connect CA is not initialised");
        if (f.Service is not { } service)
        {
            yield break;
        }

        var importer = f.Instances == 0 && f.ImportedInstances > 0;
        yield return () => importer
            ? Pass("service", "Service exists here", $"{service} is imported from {peer} ({Count(f.ImportedInstances, "instance")})")
            : f.Instances > 0
                ? Pass("service", "Service exists here", $"{Count(f.Instances, "instance")} of {service} registered here")
                : Fail("service", "Service exists here", $"{service} is neither registered here nor imported from {peer}",
                    $"register {service} on the cluster that exports it and run the doctor there");
        yield return () => Exported(f, service, importer);
        yield return () =>
        {
            var (all, passing) = importer ? (f.ImportedInstances, f.ImportedPassing) : (f.Instances, f.PassingInstances);
            return passing > 0
                ? Pass("instances", "Has passing instances", $"{passing} of {Count(all, "instance")} passing")
                : Fail("instances", "Has passing instances", $"none of {Count(all, "instance")} passing",
                    $"fix the failing health checks of {service}" + (importer ? $" on {peer}" : ""));
        };
        yield return () => (importer ? f.ImportedSidecars : f.Sidecars) > 0
            ? Pass("sidecar", "Has a sidecar (for mesh use)",
                importer
                    ? $"{Count(f.ImportedSidecars, "way")} in through {peer}'s mesh gateways"
                    : $"{Count(f.Sidecars, "sidecar proxy", "sidecar proxies")}")
            : Fail("sidecar", "Has a sidecar (for mesh use)",
                importer
                    ? $"{peer} sends no sidecar for {service} (no mesh gateway there, or no sidecar)"
                    : $"{service} has no sidecar proxy",
                importer
                    ? $"on {peer}: register a sidecar for {service} and a mesh gateway"
                    : $"register a connect-proxy sidecar for {service}");
        yield return () => importer
            ? Pass("peer-sees", "The peer sees it", $"this cluster sees {Count(f.ImportedInstances, "instance")} from {peer}")
            : f.SentToPeer
                ? Pass("peer-sees", "The peer sees it", $"sent to {peer} over the stream")
                : Fail("peer-sees", "The peer sees it", $"{service} has not been sent to {peer} yet",
                    "wait a few seconds; if it stays unsent, read the stream's last error (parley peering read)");
        yield return () => importer
            ? new DoctorStep("intention", "An intention admits the peer's caller", DoctorStep.Skip,
                $"intentions live on {peer}: run the doctor there")
            : f.IntentionAllows
                ? Pass("intention", "An intention admits the peer's caller", f.IntentionDetail)
                : Fail("intention", "An intention admits the peer's caller", f.IntentionDetail,
                    $"allow callers from {peer}:" +
                        $" add a source with Peer = \"{peer}\" and Action = \"allow\" to the service-intentions entry of {service}");
        yield return () => f.LocalMeshGateways > 0
            ? Pass("mesh-gateway", "A mesh gateway is registered", $"{Count(f.LocalMeshGateways, "mesh gateway")} here")
            : Fail("mesh-gateway", "A mesh gateway is registered", "no mesh gateway registered here",
                "register a mesh-gateway service in this cluster (and in the peer's)");
    }

    /// <summary>What to do about a refused establish, by what refused it.</summary>
    private static string EstablishFix(string refused) =>
        refused.Contains("x509:", StringComparison.Ordinal) || refused.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? "the token's CA or server name is not the peer's (an altered or stale token):" +
                " generate a new token on the peer and establish with it unchanged"
            : refused.Contains(PeeringTokenExpiry.ExpiredPrefix, StringComparison.Ordinal)
                || refused.Contains("a new peering token must be generated", StringComparison.Ordinal)
                ? "generate a new token on the peer and establish with it"
                : "check that this cluster reaches the token's server addresses on the peer's gRPC TLS port, then establish again";

    private static DoctorStep Exported(DoctorFacts f, string service, bool importer)
    {
        const string title = "Exported to the peer";
        if (importer)
        {
            return Pass("exported", title, $"{f.PeerName} exports it to this cluster");
        }

        if (f.ExportedTo.Contains(f.PeerName, StringComparer.Ordinal) || f.ExportedTo.Contains("*", StringComparer.Ordinal))
        {
            return Pass("exported", title, $"by exported-services/default to {f.PeerName}");
        }

        return f.ExportedTo.Count > 0
            ? Fail("exported", title, $"exported to {string.Join(", ", f.ExportedTo)}, not {f.PeerName}",
                $"add {f.PeerName} to the consumers of {service} in exported-services/default")
            : Fail("exported", title, $"{service} is not exported",
                $"export it: add {service} with consumer Peer = \"{f.PeerName}\" to exported-services/default");
    }

    private static string Count(int n, string one, string? many = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");

    private static DoctorStep Pass(string id, string title, string detail) => new(id, title, DoctorStep.Pass, detail);

    private static DoctorStep Fail(string id, string title, string detail, string fix) => new(id, title, DoctorStep.Fail, detail, fix);
}
