using System.Net;
using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>Consul's DNS keys: <c>alt_domain</c>, <c>recursors</c> and <c>dns_config</c>, with Consul's defaults and refusals.</summary>
public sealed class ConfigLoaderDnsTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_ReadsTheDnsKeys()
    {
        var file = _dir.Write("dns.hcl", """
            domain = "Example."
            alt_domain = "internal"
            recursors = ["10.0.0.53", "127.0.0.1:5353"]
            dns_config {
              node_ttl = "30s"
              service_ttl { "*" = "5s", "web" = "10s" }
              udp_answer_limit = 5
              a_record_limit = 2
              enable_truncate = true
              only_passing = true
              recursor_timeout = "1s"
              soa { min_ttl = 60, retry = 100 }
              allow_stale = true
            }
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal("Example", config.Domain);
        var dns = config.Dns;
        Assert.Equal("internal.", dns.AltDomain);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.0.0.53"), 53), new IPEndPoint(IPAddress.Loopback, 5353)], dns.Recursors);
        Assert.Equal(TimeSpan.FromSeconds(30), dns.NodeTtl);
        Assert.Equal(TimeSpan.FromSeconds(10), dns.ServiceTtl.For("web"));
        Assert.Equal(TimeSpan.FromSeconds(5), dns.ServiceTtl.For("db"));
        Assert.Equal((5, 2, true, true), (dns.UdpAnswerLimit, dns.ARecordLimit, dns.EnableTruncate, dns.OnlyPassing));
        Assert.Equal(TimeSpan.FromSeconds(1), dns.RecursorTimeout);
        Assert.Equal((60, 100, 3600, 86400), (dns.Soa.MinTtl, dns.Soa.Retry, dns.Soa.Refresh, dns.Soa.Expire));
        Assert.Single(warnings, w => w.Contains("\"dns_config.allow_stale\" is accepted but not used", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_KeepsConsulsDefaults()
    {
        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true });

        Assert.Equal((3, 0, false, false, true),
            (config.Dns.UdpAnswerLimit, config.Dns.ARecordLimit, config.Dns.EnableTruncate, config.Dns.OnlyPassing,
            config.Dns.NodeMetaTxt));
        Assert.Empty(config.Dns.Recursors);
        Assert.Equal(TimeSpan.Zero, config.Dns.ServiceTtl.For("web"));
    }

    [Theory]
    [InlineData("""recursors = ["not-an-ip"]""", "invalid recursor address \"not-an-ip\"")]
    [InlineData("""dns_config { udp_answer_limit = 0 }""", "\"dns_config.udp_answer_limit\" must be greater than zero")]
    [InlineData("""dns_config { node_ttl = "soon" }""", "\"dns_config.node_ttl\"")]
    [InlineData("""dns_config { no_such_key = 1 }""", "invalid config key \"dns_config.no_such_key\"")]
    [InlineData("""dns_config { soa { serial = 1 } }""", "invalid config key \"dns_config.soa.serial\"")]
    [InlineData("""alt_domain = "a..b" """, "\"alt_domain\" must be a DNS name")]
    public void Load_RefusesBadDnsKeys_NamingThem(string hcl, string expected)
    {
        var file = _dir.Write("bad.hcl", hcl);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
