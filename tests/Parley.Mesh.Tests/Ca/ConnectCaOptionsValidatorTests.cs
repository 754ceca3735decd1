using System.Text.Json.Nodes;
using Parley.Mesh.Ca;

namespace Parley.Mesh.Tests.Ca;

public sealed class ConnectCaOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new ConnectCaOptionsValidator().Validate(null, new ConnectCaOptions()).Succeeded);
    }

    [Fact]
    public void Validate_CaConfigTheProviderRefuses_GivesConsulsText()
    {
        var options = new ConnectCaOptions { CaConfig = new JsonObject { ["LeafCertTTL"] = "30m" } };

        var result = new ConnectCaOptionsValidator().Validate(null, options);

        Assert.Equal(["Connect:CaConfig: leaf cert TTL must be greater or equal than 1h0m0s"], result.Failures);
    }

    [Fact]
    public void Validate_ConnectDisabled_IgnoresCaConfig()
    {
        var options = new ConnectCaOptions { Enabled = false, CaConfig = new JsonObject { ["LeafCertTTL"] = "30m" } };

        Assert.True(new ConnectCaOptionsValidator().Validate(null, options).Succeeded);
    }
}
