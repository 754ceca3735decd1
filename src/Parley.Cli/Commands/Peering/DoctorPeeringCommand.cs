using System.CommandLine;
using System.Text;
using System.Text.Json;
using Parley.Client;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// <c>parley peering doctor -name P [-service S] [-format pretty|json]</c> (a Parley addition): follows the path a service
/// takes to or from a peer and prints one line per step; exit 0 when the path is whole, 1 otherwise.
/// </summary>
internal static class DoctorPeeringCommand
{
    public static Command Create(CliContext context)
    {
        var peer = new PeerNameOptions();
        var service = CliOptions.Create<string?>("service", "A service to follow to (or from) the peer: exported, healthy, with a sidecar, seen by the peer, admitted by intentions, through mesh gateways.");
        var command = peer.AddTo(new Command("doctor", "Diagnose why a peer cannot see a service"), service);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var input = peer.Bind(parseResult, context);
            if (input is null)
            {
                return 1;
            }

            var (peerName, outputFormat, client) = (input.Name, input.Format, input.Client);

            PeeringDoctorReport report;
            try
            {
                report = await client.Peerings.DoctorAsync(peerName, parseResult.GetValue(service), cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error diagnosing peering {peerName}: {exception.Message}");
                return 1;
            }

            context.Out.Write(outputFormat == "json" ? JsonSerializer.Serialize(report, ParleyJson.Options) + "\n" : Format(report));
            return report.Ok ? 0 : 1;
        });
        return command;
    }

    /// <summary>One line per step (<c>[PASS] Title: detail</c>), the fix indented under a failed step, then the verdict.</summary>
    internal static string Format(PeeringDoctorReport report)
    {
        var text = new StringBuilder();
        foreach (var step in report.Steps)
        {
            text.Append('[').Append(step.Status.ToUpperInvariant()).Append("] ").Append(step.Title).Append(": ").Append(step.Detail).Append('\n');
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
