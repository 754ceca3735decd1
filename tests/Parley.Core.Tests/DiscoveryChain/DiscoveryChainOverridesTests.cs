using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.DiscoveryChain;

public sealed class DiscoveryChainOverridesTests
{
    [Fact]
    public void FromJson_ConsulsPostBody_AppliesToTheCompile()
    {
        var overrides = DiscoveryChainOverrides.FromJson(Obj("""
            {"OverrideConnectTimeout":"7s","OverrideProtocol":"grpc","OverrideMeshGateway":{"Mode":"remote"}}
            """));
        var request = overrides.ApplyTo(new DiscoveryChainRequest
        {
            ServiceName = "web",
            EvaluateInDatacenter = "dc1",
            EvaluateInTrustDomain = "td.consul",
            Entries = ConfigEntrySet.Empty,
        });

        var chain = DiscoveryChainCompiler.Compile(request);

        Assert.Equal("grpc", chain.Protocol);
        var target = chain.Targets["web.default.default.dc1"];
        Assert.Equal((TimeSpan.FromSeconds(7), "remote"), (target.ConnectTimeout, target.MeshGateway.Mode));
    }

    [Fact]
    public void FromJson_BadDuration_IsADecodeError()
    {
        var ex = Assert.Throws<ConfigEntryDecodeException>(
            () => DiscoveryChainOverrides.FromJson(Obj("""{"OverrideConnectTimeout":"7"}""")));

        Assert.Contains("time: missing unit in duration \"7\"", ex.Message, StringComparison.Ordinal);
    }
}
