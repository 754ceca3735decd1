using System.CommandLine;

namespace Parley.Cli.Commands.Services;

/// <summary><c>parley services deregister (-id ID | FILE...)</c>: removes services from the local agent.</summary>
internal static class DeregisterServiceCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var id = CliOptions.Create<string?>("id", "ID to delete. This must not be set if arguments are given.");
        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Service definition files (HCL or JSON).",
        };
        var command = connection.AddTo(new Command("deregister", "Deregister services with the local agent") { id, files });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var paths = parseResult.GetValue(files) ?? [];
            var flagId = parseResult.GetValue(id);
            if (paths.Length == 0 && string.IsNullOrEmpty(flagId))
            {
                context.Error.WriteLine("Service deregistration requires at least one argument or -id.");
                return 1;
            }

            if (paths.Length > 0 && !string.IsNullOrEmpty(flagId))
            {
                context.Error.WriteLine("Service deregistration requires arguments or -id, not both.");
                return 1;
            }

            var ids = new List<string>();
            if (!string.IsNullOrEmpty(flagId))
            {
                ids.Add(flagId);
            }

            foreach (var path in paths)
            {
                try
                {
                    // A definition without an ID is registered under its name, so that is what to remove.
                    ids.AddRange(ServiceDefinitions.Load(path).Select(s => string.IsNullOrEmpty(s.ID) ? s.Name ?? "" : s.ID)
                        .Where(i => i.Length > 0));
                }
                catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"Error: {exception.Message}");
                    return 1;
                }
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            foreach (var serviceId in ids)
            {
                try
                {
                    await client.Agent.ServiceDeregisterAsync(serviceId, cancellationToken);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error deregistering service \"{serviceId}\": {exception.Message}");
                    return 1;
                }

                context.Out.WriteLine($"Deregistered service: {serviceId}");
            }

            return 0;
        });
        return command;
    }
}
