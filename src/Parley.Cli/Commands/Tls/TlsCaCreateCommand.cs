using System.CommandLine;

namespace Parley.Cli.Commands.Tls;

/// <summary>
/// <c>parley tls ca create [-days] [-domain] [-common-name]</c>: writes <c>&lt;domain&gt;-agent-ca.pem</c> and
/// <c>&lt;domain&gt;-agent-ca-key.pem</c> in the current directory, refusing to overwrite either.
/// </summary>
internal static class TlsCaCreateCommand
{
    public static Command Create(CliContext context)
    {
        var days = new Option<int>("-days", "--days")
        {
            Description = "Provide number of days the CA is valid for from now on. Defaults to 5 years.",
            DefaultValueFactory = _ => 1825,
        };
        var domain = new Option<string>("-domain", "--domain")
        {
            Description = "Domain of consul cluster. Only used as part of the file names.",
            DefaultValueFactory = _ => "consul",
        };
        var commonName = CliOptions.Create<string?>("common-name", "Common Name of CA. Defaults to Consul Agent CA.");
        var command = new Command("create", "Create a new consul CA") { days, domain, commonName };
        command.SetAction(parseResult =>
        {
            var name = parseResult.GetValue(domain) ?? "consul";
            var certFile = $"{name}-agent-ca.pem";
            var keyFile = $"{name}-agent-ca-key.pem";
            foreach (var file in new[] { certFile, keyFile })
            {
                if (File.Exists(context.Resolve(file)))
                {
                    context.Error.WriteLine($"{file} already exists.");
                    return 1;
                }
            }

            var (certificate, key) =
                AgentCertificates.CreateCa(parseResult.GetValue(days), parseResult.GetValue(commonName), TimeProvider.System);
            TlsCommand.Write(context.Resolve(certFile), certificate, secret: false);
            context.Out.WriteLine("==> Saved " + certFile);
            TlsCommand.Write(context.Resolve(keyFile), key, secret: true);
            context.Out.WriteLine("==> Saved " + keyFile);
            return 0;
        });
        return command;
    }
}
