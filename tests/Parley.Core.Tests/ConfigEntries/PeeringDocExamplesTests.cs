using Parley.Core.ConfigEntries;
using static Parley.Core.Tests.ConfigEntries.EntryForms;

namespace Parley.Core.Tests.ConfigEntries;

public sealed class PeeringDocExamplesTests
{
    // The L7 examples need an HTTP-like protocol, as in the acceptance walkthrough.
    private static readonly ConfigEntrySet Cluster = new(
    [
        FromHcl("""
            Kind = "proxy-defaults"
            Name = "global"
            Config {
              protocol = "http"
            }
            """),
    ]);

    public static TheoryData<string, string, string?, string?> Examples => new()
    {
        { "exported-services", PeeringDocExamples.ExportedServicesHcl, null, null },
        { "service-intentions", PeeringDocExamples.IntentionsHcl, null, null },
        { "failover resolver", PeeringDocExamples.FailoverResolverHcl, PeeringDocExamples.FailoverResolverYaml,
            PeeringDocExamples.FailoverResolverJson },
        { "splitter", PeeringDocExamples.SplitterHcl, PeeringDocExamples.SplitterYaml, PeeringDocExamples.SplitterJson },
        { "redirect resolver", PeeringDocExamples.RedirectResolverHcl, PeeringDocExamples.RedirectResolverYaml,
            PeeringDocExamples.RedirectResolverJson },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Decode_EveryFormOfADocExample_StoresTheSameEntry(string example, string hcl, string? yaml, string? json)
    {
        var expected = Canonical(FromHcl(hcl));
        if (yaml is not null)
        {
            Assert.Equal(expected, Canonical(FromYaml(yaml)));
        }

        if (json is not null)
        {
            Assert.Equal(expected, Canonical(FromJson(json)));
        }

        Assert.False(string.IsNullOrEmpty(example));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Validate_EveryFormOfADocExample_IsAccepted(string example, string hcl, string? yaml, string? json)
    {
        var forms = new List<ConfigEntry> { FromHcl(hcl) };
        if (yaml is not null)
        {
            forms.Add(FromYaml(yaml));
        }

        if (json is not null)
        {
            forms.Add(FromJson(json));
        }

        foreach (var entry in forms)
        {
            var stored = ConfigEntryValidator.NormalizeAndValidate(entry, Cluster);
            Assert.Equal(entry.Kind, stored.Kind);
        }

        Assert.False(string.IsNullOrEmpty(example));
    }

    [Fact]
    public void Decode_FailoverResolverHcl_HasThePeerTargetAndTimeout()
    {
        var resolver = Assert.IsType<ServiceResolverConfigEntry>(FromHcl(PeeringDocExamples.FailoverResolverHcl));

        Assert.Equal("frontend", resolver.Name);
        Assert.Equal(TimeSpan.FromSeconds(15), resolver.ConnectTimeout);
        var target = Assert.Single(resolver.Failover["*"].Targets);
        Assert.Equal("cluster-02", target.Peer);
    }

    [Fact]
    public void Decode_RedirectResolverHclWithBareIdentifier_ReadsTheServiceName()
    {
        var resolver = Assert.IsType<ServiceResolverConfigEntry>(FromHcl(PeeringDocExamples.RedirectResolverHcl));

        Assert.Equal("frontend", resolver.Redirect?.Service);
        Assert.Equal("cluster-02", resolver.Redirect?.Peer);
    }

    [Fact]
    public void Encode_FailoverResolver_IsConsulsReadShape()
    {
        var stored = ConfigEntryNormalizer.Normalize(FromJson(PeeringDocExamples.FailoverResolverJson)) with
        {
            CreateIndex = 250,
            ModifyIndex = 250,
        };

        Assert.Equal(
            """{"Kind":"service-resolver","Name":"frontend","Failover":{"*":{"Targets":[""" +
                """{"Peer":"cluster-02"}]}},"ConnectTimeout":"15s","CreateIndex":250,"ModifyIndex":250}""",
            ConfigEntryCodec.EncodeToString(stored));
    }

    [Fact]
    public void Decode_ExportedServicesHcl_ExportsToThePeer()
    {
        var exports = Assert.IsType<ExportedServicesConfigEntry>(FromHcl(PeeringDocExamples.ExportedServicesHcl));

        var service = Assert.Single(exports.Services);
        Assert.Equal("service-name", service.Name);
        Assert.Equal("cluster-02", Assert.Single(service.Consumers).Peer);
    }

    [Fact]
    public void Decode_IntentionsHcl_HasThePeerSource()
    {
        var intentions = Assert.IsType<ServiceIntentionsConfigEntry>(FromHcl(PeeringDocExamples.IntentionsHcl));

        var source = Assert.Single(intentions.Sources);
        Assert.Equal(("frontend-service", "cluster-02", "allow"), (source.Name, source.Peer, source.Action));
    }
}
