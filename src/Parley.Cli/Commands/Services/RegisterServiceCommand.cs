using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Services;

/// <summary>
/// <c>parley services register [-name N -id I -address A -port P -tag T... -meta k=v...] [FILE...]</c>: registers
/// services with the local agent, from flags or from service definition files (flags fill what a file leaves empty).
/// </summary>
internal static class RegisterServiceCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var name = CliOptions.Create<string?>("name", "Name of the service to register for arg-based registration.");
        var id = CliOptions.Create<string?>(
            "id",
            "ID of the service to register for arg-based registration. If this isn't set, it will default to the -name value.");
        var address = CliOptions.Create<string?>("address", "Address of the service to register for arg-based registration.");
        var port = CliOptions.Create<int>("port", "Port of the service to register for arg-based registration.");
        var kind = CliOptions.Create<string?>("kind", "The services 'kind'");
        var tags = CliOptions.Repeatable(
            "tag",
            "Tag to add to the service. This flag can be specified multiple times to set multiple tags.");
        var meta =
            CliOptions.Repeatable("meta",
            "Metadata to set on the service," +
            " formatted as key=value. This flag may be specified multiple times to set multiple meta fields.", "key=value");
        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Service definition files (HCL or JSON).",
        };
        var command = connection.AddTo(new Command("register", "Register services with the local agent")
        {
            name, id, address, port, kind, tags, meta, files,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var metaMap = KeyValueFlags.ParseMap(parseResult.GetValue(meta), "meta", context);
            if (metaMap is null)
            {
                return 1;
            }

            var fromFlags = new AgentServiceRegistration
            {
                Kind = parseResult.GetValue(kind),
                ID = parseResult.GetValue(id),
                Name = parseResult.GetValue(name),
                Address = parseResult.GetValue(address),
                Port = parseResult.GetValue(port),
                Tags = parseResult.GetValue(tags) is { Length: > 0 } tagList ? [.. tagList] : null,
                Meta = metaMap.Count > 0 ? metaMap : null,
            };

            var paths = parseResult.GetValue(files) ?? [];
            if (paths.Length == 0 && string.IsNullOrEmpty(fromFlags.Name))
            {
                context.Error.WriteLine("Service registration requires at least one argument or flags.");
                return 1;
            }

            var services = new List<AgentServiceRegistration>();
            foreach (var path in paths)
            {
                try
                {
                    services.AddRange(ServiceDefinitions.Load(path).Select(s => Combine(s, fromFlags)));
                }
                catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"Error: {exception.Message}");
                    return 1;
                }
            }

            if (services.Count == 0)
            {
                services.Add(fromFlags);
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            foreach (var service in services)
            {
                try
                {
                    await client.Agent.ServiceRegisterAsync(service, cancellationToken);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Error registering service \"{service.Name}\": {exception.Message}");
                    return 1;
                }

                context.Out.WriteLine($"Registered service: {service.Name}");
            }

            return 0;
        });
        return command;
    }

    // A flag fills a field the file left empty; meta and tags from flags are added (Consul's CombineArgs).
    private static AgentServiceRegistration Combine(AgentServiceRegistration file, AgentServiceRegistration flags)
    {
        var meta = new Dictionary<string, string>(file.Meta ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in flags.Meta ?? [])
        {
            meta[key] = value;
        }

        return file with
        {
            ID = string.IsNullOrEmpty(file.ID) ? flags.ID : file.ID,
            Name = string.IsNullOrEmpty(file.Name) ? flags.Name : file.Name,
            Address = string.IsNullOrEmpty(file.Address) ? flags.Address : file.Address,
            Port = file.Port == 0 ? flags.Port : file.Port,
            Kind = string.IsNullOrEmpty(file.Kind) ? flags.Kind : file.Kind,
            Meta = meta.Count > 0 ? meta : null,
            Tags = flags.Tags is { Count: > 0 } ? [.. file.Tags ?? [], .. flags.Tags] : file.Tags,
        };
    }
}
