using System.Security.Cryptography.X509Certificates;

namespace Parley.Cli.Tests.Commands.Tls;

/// <summary><c>parley tls ca create</c> and <c>parley tls cert create</c>: Consul's file names, output lines and refusals.</summary>
public sealed class TlsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parley-tls-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(args, workingDirectory: _dir);

    [Fact]
    public async Task CaCreate_Twice_SecondRunRefusesToOverwrite()
    {
        var first = await RunAsync("tls", "ca", "create");
        var caBefore = await File.ReadAllTextAsync(Path.Combine(_dir, "consul-agent-ca.pem"), TestContext.Current.CancellationToken);

        var second = await RunAsync("tls", "ca", "create");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("==> Saved consul-agent-ca.pem\n==> Saved consul-agent-ca-key.pem\n", first.Out.ReplaceLineEndings("\n"));
        Assert.Equal(1, second.ExitCode);
        Assert.Equal("consul-agent-ca.pem already exists.", second.Error.Trim());
        Assert.Equal(
            caBefore,
            await File.ReadAllTextAsync(Path.Combine(_dir, "consul-agent-ca.pem"), TestContext.Current.CancellationToken));
        Assert.Contains(
            "EC PRIVATE KEY",
            await File.ReadAllTextAsync(Path.Combine(_dir, "consul-agent-ca-key.pem"), TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(_dir, "consul-agent-ca-key.pem")));
        }
    }

    [Fact]
    public async Task CertCreate_WithoutACa_RefusedWithGosText()
    {
        var result = await RunAsync("tls", "cert", "create", "-server");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error reading CA: open consul-agent-ca.pem: no such file or directory", result.Error.Trim());
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData]
    [InlineData("-server", "-client")]
    public async Task CertCreate_NotExactlyOneKind_Refused(params string[] kinds)
    {
        var result = await RunAsync(["tls", "cert", "create", .. kinds]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Please provide either -server, -client, or -cli", result.Error.Trim());
    }

    [Fact]
    public async Task CertCreate_ServerTwice_NumbersTheFilesAndCarriesConsulsNames()
    {
        await RunAsync("tls", "ca", "create", "-domain", "example");
        var first = await RunAsync("tls", "cert", "create", "-server", "-dc", "east", "-domain", "example",
            "-additional-dnsname", "raft.internal", "-additional-ipaddress", "10.0.0.7", "-node", "s1");
        var second = await RunAsync("tls", "cert", "create", "-server", "-dc", "east", "-domain", "example");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("==> WARNING: Server Certificates grants authority to become a", first.Out, StringComparison.Ordinal);
        Assert.EndsWith(
            "==> Using example-agent-ca.pem and example-agent-ca-key.pem\n==> Saved east-server-example-0.pem\n==> Saved " +
            "east-server-example-0-key.pem\n",
            first.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("==> Saved east-server-example-1.pem", second.Out);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "east-server-example-0.pem"));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "example-agent-ca.pem"));
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["raft.internal", "server.east.example", "localhost", "s1.server.east.example"], sans.EnumerateDnsNames());
        Assert.Equal(["10.0.0.7", "127.0.0.1"], sans.EnumerateIPAddresses().Select(i => i.ToString()));
        Assert.Equal(ca.Subject, certificate.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate));
    }

    [Fact]
    public async Task CertCreate_Cli_ClientAuthenticationOnly()
    {
        await RunAsync("tls", "ca", "create");

        var result = await RunAsync("tls", "cert", "create", "-cli", "-additional-dnsname", "ignored.example");

        Assert.Equal(0, result.ExitCode);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "dc1-cli-consul-0.pem"));
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single()
            .EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], usages);
        Assert.Equal(
            ["cli.client.dc1.consul", "localhost"],
            certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }
}
