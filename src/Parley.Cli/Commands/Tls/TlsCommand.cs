using System.CommandLine;

namespace Parley.Cli.Commands.Tls;

/// <summary><c>parley tls ca create</c> and <c>parley tls cert create</c>: Consul's two-command TLS setup.</summary>
internal static class TlsCommand
{
    public static Command Create(CliContext context) => CommandGroup.Create(
        "tls",
        "Builtin helpers for creating CAs and certificates",
        CommandGroup.Create("ca", "Helpers for CAs", TlsCaCreateCommand.Create(context)),
        CommandGroup.Create("cert", "Helpers for certificates", TlsCertCreateCommand.Create(context)));

    /// <summary>Writes a file readable by its owner only when it holds a key (Consul writes keys 0600, certificates 0644).</summary>
    internal static void Write(string path, string contents, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(contents);
    }
}
