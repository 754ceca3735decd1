using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary>
/// <c>parley services export -name S -consumer-peers p1,p2</c>: adds the peers as consumers of the service in the
/// <c>exported-services</c> entry (creating it if needed), written with check-and-set so concurrent edits are not lost.
/// </summary>
internal static class ExportServiceCommand
{
    private const string Kind = "exported-services";
    private const string EntryName = "default";

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "(Required) Specify the name of the service you want to export.");
        var peers = CliOptions.Create<string?>(
            "consumer-peers",
            "(Required) Peers the service will be exported to, formatted as a comma-separated list.");
        var command = connection.AddTo(new Command("export", "Export a service to cluster peers") { name, peers });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var service = parseResult.GetValue(name);
            if (string.IsNullOrEmpty(service))
            {
                context.Error.WriteLine("Missing the required -name flag");
                return 1;
            }

            var rawPeers = parseResult.GetValue(peers);
            if (string.IsNullOrEmpty(rawPeers))
            {
                context.Error.WriteLine("Missing the required -consumer-peers or -consumer-partitions flag");
                return 1;
            }

            var peerNames = rawPeers.Split(',');
            if (peerNames.FirstOrDefault(p => p.Length == 0) is { } empty)
            {
                context.Error.WriteLine($"Invalid peer \"{empty}\"");
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context, "Error connect to Consul agent");
            if (client is null)
            {
                return 1;
            }

            JsonObject entry;
            try
            {
                (entry, _) = await client.ConfigEntries.GetAsync(Kind, EntryName, cancellationToken: cancellationToken);
            }
            catch (ParleyApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                entry = new JsonObject { ["Kind"] = Kind, ["Name"] = EntryName, ["Services"] = new JsonArray() };
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error reading config entry {Kind}/{EntryName}: {exception.Message}");
                return 1;
            }

            var modifyIndex = (ulong?)entry["ModifyIndex"] ?? 0;
            AddConsumers(entry, service, peerNames);
            try
            {
                if (!await client.ConfigEntries.SetAsync(entry, modifyIndex, cancellationToken: cancellationToken))
                {
                    context.Error.WriteLine("Config entry was changed during update. Please try again");
                    return 1;
                }
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error writing config entry: {exception.Message}");
                return 1;
            }

            context.Out.WriteLine($"Successfully exported service \"{service}\" to cluster peers \"{rawPeers}\"");
            return 0;
        });
        return command;
    }

    private static void AddConsumers(JsonObject entry, string service, IEnumerable<string> peers)
    {
        if (DocumentInput.Property(entry, "Services") is not JsonArray services)
        {
            services = [];
            entry["Services"] = services;
        }

        var existing = services.OfType<JsonObject>()
            .FirstOrDefault(s => (string?)DocumentInput.Property(s, "Name") == service && IsDefaultNamespace(s));
        if (existing is null)
        {
            existing = new JsonObject { ["Name"] = service, ["Consumers"] = new JsonArray() };
            services.Add(existing);
        }

        if (DocumentInput.Property(existing, "Consumers") is not JsonArray consumers)
        {
            consumers = [];
            existing["Consumers"] = consumers;
        }

        foreach (var peer in peers)
        {
            if (!consumers.OfType<JsonObject>().Any(c => (string?)DocumentInput.Property(c, "Peer") == peer))
            {
                consumers.Add(new JsonObject { ["Peer"] = peer });
            }
        }
    }

    private static bool IsDefaultNamespace(JsonObject service)
        => (string?)DocumentInput.Property(service, "Namespace") is null or "" or "default";
}
