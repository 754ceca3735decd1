using System.CommandLine;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Core.Peering.Doctor;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// <c>parley peering doctor -name P [-service S] [-peer-http-addr ADDR [-peer-token T]] [-format pretty|json]</c> (a Parley
/// addition): follows the path a service takes to or from a peer and prints one line per step; exit 0 when the path is
/// whole, 1 otherwise. With <c>-peer-http-addr</c> the peer's own API answers for its side (<see cref="PeerSideReader"/>).
/// </summary>
internal static class DoctorPeeringCommand
{
    public static Command Create(CliContext context)
    {
        var peer = new PeerNameOptions();
        var service =
            CliOptions.Create<string?>("service",
            "A service to follow to (or from) the peer: exported, healthy, with a sidecar, seen by the peer, admitted by intentions," +
            " through mesh gateways.");
        var peerAddress = CliOptions.Create<string?>(
            "peer-http-addr",
                "The address of the peer cluster's HTTP API," +
                " e.g. 10.0.0.2:8500 or https://peer:8501: the peering's state there and what the peer imports are read from it.",
                "address");
        var peerToken = CliOptions.Create<string?>(
            "peer-token",
            "ACL token for the peer's HTTP API (peering:read and service:read there).",
            "value");
        var command = peer.AddTo(new Command("doctor", "Diagnose why a peer cannot see a service"), service, peerAddress, peerToken);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var input = peer.Bind(parseResult, context);
            if (input is null)
            {
                return 1;
            }

            var (peerName, outputFormat, client) = (input.Name, input.Format, input.Client);
            var serviceName = parseResult.GetValue(service) is { Length: > 0 } s ? s : null;
            PeeringDoctorReport report;
            try
            {
                report = await client.Peerings.DoctorAsync(peerName, serviceName, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error diagnosing peering {peerName}: {exception.Message}");
                return 1;
            }

            PeerView? view = null;
            if (parseResult.GetValue(peerAddress) is { Length: > 0 } address)
            {
                try
                {
                    using var peerClient = new ParleyClient(new ParleyClientOptions
                    {
                        Address = address,
                        Token = parseResult.GetValue(peerToken),
                    });
                    view = await PeerSideReader.ReadAsync(client, peerClient, address, peerName, serviceName, cancellationToken);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception) || exception is FormatException)
                {
                    context.Error.WriteLine($"Error asking the peer at {address}: {exception.Message}");
                    return 1;
                }
            }

            report = WithPeerSide(report, peerName, view);
            context.Out.Write(outputFormat == "json" ? JsonSerializer.Serialize(report, ParleyJson.Options) + "\n" : Format(report));
            return report.Ok ? 0 : 1;
        });
        return command;
    }

    /// <summary>The report with the peer's side folded in by <see cref="PeerSideCheck"/> (or marked as not checked).</summary>
    internal static PeeringDoctorReport WithPeerSide(PeeringDoctorReport report, string peerName, PeerView? view)
    {
        var steps = PeerSideCheck.Apply(
            [.. report.Steps.Select(s => new DoctorStep(s.ID, s.Title, s.Status, s.Detail, s.Fix))], peerName, view);
        return report with
        {
            Ok = PeeringDoctor.IsWhole(steps),
            Steps = [.. steps.Select(s => new PeeringDoctorStep
            {
                ID = s.ID,
                Title = s.Title,
                Status = s.Status,
                Detail = s.Detail,
                Fix = s.Fix,
            })],
        };
    }

    /// <summary>One line per step (<c>[PASS] Title: detail</c>), the fix indented under a failed step, then the verdict.</summary>
    internal static string Format(PeeringDoctorReport report)
    {
        var text = new StringBuilder();
        foreach (var step in report.Steps)
        {
            text.Append('[').Append(step.Status.ToUpperInvariant()).Append("] ").Append(step.Title).Append(": ").Append(step.Detail)
                .Append('\n');
            if (step.Fix is { Length: > 0 } fix)
            {
                text.Append("       fix: ").Append(fix).Append('\n');
            }
        }

        var failed = report.Steps.FirstOrDefault(s => s.Status == "fail");
        text.Append(failed is null ? "The path is whole.\n" : $"The path breaks at: {failed.Title}.\n");
        return text.ToString();
    }
}
