using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>Consul's <c>telemetry</c> block: the keys the metrics endpoint honours, the sinks Parley does not ship to, typos.</summary>
public sealed class ConfigLoaderTelemetryTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_ReadsTheTelemetryKeys_AndWarnsOnceForASinkParleyDoesNotShipTo()
    {
        var file = _dir.Write("telemetry.hcl", """
            telemetry {
              prometheus_retention_time = "24h"
              disable_hostname = true
              metrics_prefix = "parley"
              statsd_address = "127.0.0.1:8125"
            }
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal((TimeSpan.FromHours(24), true, "parley"),
            (config.Telemetry.PrometheusRetentionTime, config.Telemetry.DisableHostname, config.Telemetry.MetricsPrefix));
        Assert.Single(warnings, w => w.Contains("\"telemetry.statsd_address\" is accepted but not used", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("\"telemetry\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WithoutTelemetry_KeepsConsulsDefaults()
    {
        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true });

        Assert.Equal((TimeSpan.Zero, false, "consul"),
            (config.Telemetry.PrometheusRetentionTime, config.Telemetry.DisableHostname, config.Telemetry.MetricsPrefix));
    }

    [Theory]
    [InlineData("telemetry { prometheus_retention = \"1h\" }", "invalid config key \"telemetry.prometheus_retention\"")]
    [InlineData("telemetry { prometheus_retention_time = \"soon\" }", "telemetry.prometheus_retention_time")]
    [InlineData("telemetry { disable_hostname = \"yes\" }", "telemetry.disable_hostname")]
    public void Load_RefusesWhatIsWrong_NamingTheKey(string hcl, string expected)
    {
        var file = _dir.Write("bad.hcl", hcl);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.hcl", error.Message, StringComparison.Ordinal);
    }
}
