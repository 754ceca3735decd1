using System.CommandLine;
using Parley.Client;

namespace Parley.Cli.Commands.Acl;

/// <summary>
/// <c>parley acl token create [-description D] [-policy-name N]... [-policy-id I]... [-role-name N]... [-role-id I]...
/// [-service-identity svc[:dc,dc]]... [-node-identity node:dc]... [-local] [-expires-ttl 1h] [-accessor A] [-secret S]</c>.
/// </summary>
internal static class AclTokenCreateCommand
{
    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var description = CliOptions.Create<string?>("description", "A description of the token");
        var policyNames = CliOptions.Repeatable("policy-name", "Name of a policy to use for this token. May be specified multiple times");
        var policyIds = CliOptions.Repeatable("policy-id", "ID of a policy to use for this token. May be specified multiple times");
        var roleNames = CliOptions.Repeatable("role-name", "Name of a role to use for this token. May be specified multiple times");
        var roleIds = CliOptions.Repeatable("role-id", "ID of a role to use for this token. May be specified multiple times");
        var services = CliOptions.Repeatable(
            "service-identity",
            "Name of a service identity, optionally ':dc1,dc2'. May be specified multiple times");
        var nodes = CliOptions.Repeatable(
            "node-identity",
            "Name of a node identity and its datacenter, as 'node:dc'. May be specified multiple times");
        var local = CliOptions.Create<bool>("local", "Create this as a datacenter local token");
        var ttl = CliOptions.Create<string?>("expires-ttl", "Duration of time this token should be valid for");
        var accessor = CliOptions.Create<string?>("accessor", "Create the token with this Accessor ID. It must be a UUID");
        var secret = CliOptions.Create<string?>("secret", "Create the token with this Secret ID. It must be a UUID");
        var meta = CliOptions.Create<bool>(
            "meta",
            "Indicates that token metadata such as the content hash and raft indices should be shown");
        var format = CliOptions.Format();
        var command = connection.AddTo(new Command("create", "Create an ACL token")
        {
            description, policyNames, policyIds, roleNames, roleIds, services, nodes, local, ttl, accessor, secret, meta, format,
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var outputFormat = parseResult.GetValue(format);
            if (!CliOptions.IsValidFormat(outputFormat, context))
            {
                return 1;
            }

            if (AclIdentities.Nodes(parseResult.GetValue(nodes), context) is not { } nodeIdentities)
            {
                return 1;
            }

            long? ttlNanos = null;
            if (parseResult.GetValue(ttl) is { Length: > 0 } ttlText)
            {
                if (!Core.Go.GoDuration.TryParse(ttlText, out var duration, out var error))
                {
                    context.Error.WriteLine($"Invalid value \"{ttlText}\" for flag -expires-ttl: {error}");
                    return 1;
                }

                ttlNanos = duration.Ticks * 100;
            }

            var token = new ACLToken
            {
                AccessorID = parseResult.GetValue(accessor),
                SecretID = parseResult.GetValue(secret),
                Description = parseResult.GetValue(description) ?? "",
                Policies = AclIdentities.Links(parseResult.GetValue(policyIds), parseResult.GetValue(policyNames)),
                Roles = AclIdentities.Links(parseResult.GetValue(roleIds), parseResult.GetValue(roleNames)),
                ServiceIdentities = AclIdentities.Services(parseResult.GetValue(services)),
                NodeIdentities = nodeIdentities,
                Local = parseResult.GetValue(local),
                ExpirationTTL = ttlNanos,
            };

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            try
            {
                var created = await client.ACL.TokenCreateAsync(token, cancellationToken: cancellationToken);
                context.Out.WriteLine(
                    outputFormat == "json" ? AclFormat.Json(created) : AclFormat.Token(created, parseResult.GetValue(meta)));
                return 0;
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Failed to create new token: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
