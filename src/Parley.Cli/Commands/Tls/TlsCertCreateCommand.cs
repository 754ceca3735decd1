using System.CommandLine;
using System.Net;
using System.Security.Cryptography;

namespace Parley.Cli.Commands.Tls;

/// <summary>
/// <c>parley tls cert create -server|-client|-cli [-dc] [-domain] [-days] [-additional-dnsname] [-additional-ipaddress]
/// [-ca] [-key] [-node]</c>: writes <c>&lt;dc&gt;-&lt;kind&gt;-&lt;domain&gt;-&lt;n&gt;.pem</c> and its key with the
/// first free <c>n</c>, signed by the CA <c>tls ca create</c> wrote, with Consul's names (<c>server.&lt;dc&gt;.&lt;domain&gt;</c>,
/// <c>localhost</c>, <c>127.0.0.1</c>).
/// </summary>
internal static class TlsCertCreateCommand
{
    private const string DomainPlaceholder = "#DOMAIN#";

    public static Command Create(CliContext context)
    {
        var server = CliOptions.Create<bool>("server", "Generate server certificate.");
        var client = CliOptions.Create<bool>("client", "Generate client certificate.");
        var cli = CliOptions.Create<bool>("cli", "Generate cli certificate.");
        var dc = new Option<string>("-dc", "--dc")
        {
            Description = "Provide the datacenter. Matters only for -server certificates.",
            DefaultValueFactory = _ => "dc1",
        };
        var domain = new Option<string>("-domain", "--domain")
        {
            Description = "Provide the domain. Matters only for -server certificates.",
            DefaultValueFactory = _ => "consul",
        };
        var days = new Option<int>("-days", "--days")
        {
            Description = "Provide number of days the certificate is valid for from now on.",
            DefaultValueFactory = _ => 365,
        };
        var ca = new Option<string>("-ca", "--ca")
        {
            Description = "Provide path to the ca.",
            DefaultValueFactory = _ => DomainPlaceholder + "-agent-ca.pem",
        };
        var key = new Option<string>("-key", "--key")
        {
            Description = "Provide path to the key.",
            DefaultValueFactory = _ => DomainPlaceholder + "-agent-ca-key.pem",
        };
        var node =
            CliOptions.Create<string?>("node",
            "When generating a server cert and this is set an additional dns name is included of the form " +
            "<node>.server.<datacenter>.<domain>.");
        var dnsNames =
            CliOptions.Repeatable("additional-dnsname",
            "Provide an additional dnsname for Subject Alternative Names. localhost is always included. This flag may be provided " +
            "multiple times.");
        var ipAddresses =
            CliOptions.Repeatable("additional-ipaddress",
            "Provide an additional ipaddress for Subject Alternative Names. 127.0.0.1 is always included. This flag may be provided " +
            "multiple times.");
        var command =
            new Command("create", "Create a new certificate") { server, client, cli, dc, domain, days, ca, key, node, dnsNames,
            ipAddresses };
        command.SetAction(parseResult =>
        {
            var (isServer, isClient, isCli) = (parseResult.GetValue(server), parseResult.GetValue(client), parseResult.GetValue(cli));
            if ((isServer ? 1 : 0) + (isClient ? 1 : 0) + (isCli ? 1 : 0) != 1)
            {
                context.Error.WriteLine("Please provide either -server, -client, or -cli");
                return 1;
            }

            var nodeName = parseResult.GetValue(node);
            if (nodeName is { Length: > 0 } && !isServer)
            {
                context.Error.WriteLine("-node requires -server");
                return 1;
            }

            var (datacenter, domainName) = (parseResult.GetValue(dc) ?? "dc1", parseResult.GetValue(domain) ?? "consul");
            var names = (parseResult.GetValue(dnsNames) ?? []).Where(d => d.Length > 0).Select(d => d.Trim()).ToList();
            var ips = new List<IPAddress>();
            foreach (var text in (parseResult.GetValue(ipAddresses) ?? []).Where(i => i.Length > 0))
            {
                if (!IPAddress.TryParse(text.Trim(), out var ip))
                {
                    context.Error.WriteLine($"{text} is not a valid IP address");
                    return 1;
                }

                ips.Add(ip);
            }

            string commonName, prefix;
            if (isServer)
            {
                commonName = $"server.{datacenter}.{domainName}";
                names.AddRange([commonName, "localhost"]);
                if (nodeName is { Length: > 0 })
                {
                    names.Add($"{nodeName}.server.{datacenter}.{domainName}");
                }

                ips.Add(IPAddress.Loopback);
                prefix = $"{datacenter}-server-{domainName}";
            }
            else if (isClient)
            {
                commonName = $"client.{datacenter}.{domainName}";
                names.AddRange([commonName, "localhost"]);
                ips.Add(IPAddress.Loopback);
                prefix = $"{datacenter}-client-{domainName}";
            }
            else
            {
                // A CLI certificate authenticates a person's commands only: no extra names, client auth only.
                commonName = $"cli.client.{datacenter}.{domainName}";
                names = [commonName, "localhost"];
                ips = [];
                prefix = $"{datacenter}-cli-{domainName}";
            }

            var index = Enumerable.Range(0, 10001).FirstOrDefault(i =>
                !File.Exists(context.Resolve($"{prefix}-{i}.pem")) && !File.Exists(context.Resolve($"{prefix}-{i}-key.pem")), -1);
            if (index < 0)
            {
                context.Error.WriteLine("Could not find a filename that doesn't already exist");
                return 1;
            }

            var (certFile, keyFile) = ($"{prefix}-{index}.pem", $"{prefix}-{index}-key.pem");
            var caFile = ReplaceFirst(parseResult.GetValue(ca)!, domainName);
            var caKeyFile = ReplaceFirst(parseResult.GetValue(key)!, domainName);
            if (Read(context, caFile, "Error reading CA") is not { } caPem
                || Read(context, caKeyFile, "Error reading CA key") is not { } caKeyPem)
            {
                return 1;
            }

            if (isServer)
            {
                context.Out.WriteLine("""
                    ==> WARNING: Server Certificates grants authority to become a
                        server and access all state in the cluster including root keys
                        and all ACL tokens. Do not distribute them to production hosts
                        that are not server nodes. Store them as securely as CA keys.
                    """);
            }

            context.Out.WriteLine($"==> Using {caFile} and {caKeyFile}");
            string certificatePem, keyPem;
            try
            {
                (certificatePem, keyPem) = AgentCertificates.CreateLeaf(
                    caPem, caKeyPem, commonName, names.Distinct(StringComparer.Ordinal), ips.Distinct(), serverAuth: !isCli,
                        parseResult.GetValue(days), TimeProvider.System);
            }
            catch (CryptographicException e)
            {
                context.Error.WriteLine($"Error generating certificate: {e.Message}");
                return 1;
            }

            TlsCommand.Write(context.Resolve(certFile), certificatePem, secret: false);
            context.Out.WriteLine("==> Saved " + certFile);
            TlsCommand.Write(context.Resolve(keyFile), keyPem, secret: true);
            context.Out.WriteLine("==> Saved " + keyFile);
            return 0;
        });
        return command;
    }

    private static string ReplaceFirst(string path, string domain)
    {
        var at = path.IndexOf(DomainPlaceholder, StringComparison.Ordinal);
        return at < 0 ? path : string.Concat(path.AsSpan(0, at), domain, path.AsSpan(at + DomainPlaceholder.Length));
    }

    // Go's os.ReadFile error text: "open <file>: no such file or directory".
    private static string? Read(CliContext context, string file, string prefix)
    {
        try
        {
            return File.ReadAllText(context.Resolve(file));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            context.Error.WriteLine($"{prefix}: open {file}: no such file or directory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{prefix}: open {file}: {e.Message}");
        }

        return null;
    }
}
