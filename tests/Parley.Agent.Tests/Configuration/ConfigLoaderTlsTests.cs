using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>
/// Consul's <c>tls</c> block: each section falls back to <c>defaults</c>, the deprecated top-level keys fill what the
/// block leaves unset, and a missing file or a bad version stops the agent with the key and the file named.
/// </summary>
public sealed class ConfigLoaderTlsTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_SectionsInheritFromDefaults_KeyByKey()
    {
        var (ca, cert, key) = WritePki();
        var file = _dir.Write("tls.hcl", $$"""
            ports { https = 8501 }
            tls {
              defaults {
                ca_file = "{{ca}}"
                cert_file = "{{cert}}"
                key_file = "{{key}}"
                verify_incoming = true
              }
              https { verify_incoming = false }
              internal_rpc { verify_server_hostname = true }
            }
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Empty(warnings);
        Assert.Equal(8501, config.Ports.Https);
        Assert.Equal(cert, config.Tls.EffectiveHttps.CertFile);
        Assert.False(config.Tls.EffectiveHttps.VerifyIncoming);
        Assert.True(config.Tls.EffectiveInternalRpc.VerifyIncoming);
        Assert.True(config.Tls.EffectiveInternalRpc.VerifyServerHostname);
        Assert.Equal(ca, config.Tls.EffectiveGrpc.CaFile);
    }

    [Fact]
    public void Load_DeprecatedTopLevelKeys_FillWhatTheTlsBlockLeavesUnsetWithConsulsWarning()
    {
        var (ca, cert, key) = WritePki();
        var file = _dir.Write("old.json", $$"""
            {
              "ca_file": "{{ca}}", "cert_file": "{{cert}}", "key_file": "{{key}}",
              "verify_incoming": true, "verify_outgoing": true, "verify_server_hostname": true,
              "tls": { "defaults": { "verify_incoming": false } }
            }
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Contains(warnings,
            w => w.EndsWith("The 'ca_file' field is deprecated. Use the 'tls.defaults.ca_file' field instead.", StringComparison.Ordinal));
        Assert.Contains(warnings,
            w => w.EndsWith(
            "The 'verify_server_hostname' field is deprecated. Use the 'tls.internal_rpc.verify_server_hostname' field instead.",
            StringComparison.Ordinal));
        var rpc = config.Tls.EffectiveInternalRpc;
        Assert.Equal(cert, rpc.CertFile);
        Assert.False(rpc.VerifyIncoming); // tls.defaults wins over the deprecated key
        Assert.True(rpc.VerifyOutgoing);
        Assert.True(rpc.VerifyServerHostname);
    }

    [Fact]
    public void Load_MissingCertFile_RefusedNamingTheKeyTheFileAndWhereItWasSet()
    {
        var (ca, _, key) = WritePki();
        var missing = Path.Combine(_dir.Path, "nope.pem");
        var file = _dir.Write("tls.hcl", $$"""
            tls { https { ca_file = "{{ca}}" cert_file = "{{missing}}" key_file = "{{key}}" } }
            ports { https = 8501 }
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains($"tls.https.cert_file: \"{missing}\" does not exist (set in {file})", error.Message);
    }

    [Fact]
    public void Load_BadCaPathAndVersion_EveryProblemReportedAtOnce()
    {
        var file = _dir.Write("tls.hcl", """
            tls {
              defaults { tls_min_version = "TLSv9" }
              internal_rpc { ca_path = "/no/such/dir" verify_incoming = true }
            }
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains("tls.internal_rpc.tls_min_version: \"TLSv9\" is not a supported TLS version", error.Message);
        Assert.Contains($"tls.internal_rpc.ca_path: \"/no/such/dir\" is not a directory (set in {file})", error.Message);
        Assert.Contains("tls.internal_rpc.verify_incoming is set but no ca_file or ca_path", error.Message);
    }

    [Fact]
    public void Load_HttpOffWithHttpsOn_Accepted_HttpOffAlone_Refused()
    {
        var (_, cert, key) = WritePki();
        var https = _dir.Write("https.hcl", $$"""
            ports {
              http = -1
              https = 8501
            }
            tls {
              https {
                cert_file = "{{cert}}"
                key_file = "{{key}}"
              }
            }
            """);
        var plain = _dir.Write("plain.hcl", "ports { http = -1 }\n");

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [https] });
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [plain] }));

        Assert.Equal((-1, 8501), (config.Ports.Http, config.Ports.Https));
        Assert.Contains(
            "ports.http: -1 is not a valid port (use 0-65535, or -1 to turn plain HTTP off when ports.https is on)",
            error.Message);
    }

    [Fact]
    public void Load_HttpsPortWithoutACertificate_Refused()
    {
        var file = _dir.Write("agent.hcl", "ports { https = 8501 }\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains("ports.https is 8501 but tls.https has no cert_file and key_file", error.Message);
    }

    [Fact]
    public void Load_UnknownTlsKey_Refused()
    {
        var file = _dir.Write("agent.hcl", "tls {\n  grpc { verify_outgoing = true }\n}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Equal($"{file}: invalid config key \"tls.grpc.verify_outgoing\"", error.Message);
    }

    private (string Ca, string Cert, string Key) WritePki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=server.dc1.consul", key, HashAlgorithmName.SHA256)
            .Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), ca.NotAfter.AddMinutes(-1), [1, 2, 3, 4]);
        return (
            _dir.Write("ca.pem", ca.ExportCertificatePem()),
            _dir.Write("server.pem", leaf.ExportCertificatePem()),
            _dir.Write("server-key.pem", key.ExportECPrivateKeyPem()));
    }
}
