using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Mesh.Ca;

namespace Parley.Mesh.Tests.Ca;

public sealed class CaReconfigurationTests : IDisposable
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestCa.Clock();
    private readonly CertificateAuthority _ca;
    private readonly ConnectCaState _state;

    public CaReconfigurationTests()
    {
        _ca = TestCa.Create(_clock);
        _state = new ConnectCaState
        {
            Roots = [_ca.Root with { CreateIndex = 5, ModifyIndex = 5 }],
            Config = CaConfiguration.Initial(null) with { CreateIndex = 5, ModifyIndex = 5 },
        };
    }

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void Apply_SameConfig_ChangesNothing()
    {
        Assert.Null(CaReconfiguration.Apply(_state, Request(_state.Config!.Config), _clock));
    }

    [Fact]
    public void Apply_ChangedState_IsReadOnly()
    {
        var e = Assert.Throws<ParleyException>(() => CaReconfiguration.Apply(
            _state, Request(new JsonObject { ["LeafCertTTL"] = "24h" }) with { State = new Dictionary<string, string> { ["k"] = "v" } },
                _clock));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Equal("Provider State is read-only. It must be omitted or identical to the current value", e.Message);
    }

    [Theory]
    [InlineData("vault", "{}", "could not initialize provider: unknown CA provider \"vault\" (Parley has only \"consul\")")]
    [InlineData("consul", "{\"LeafCertTTL\":\"1m\"}", "error configuring provider: leaf cert TTL must be greater or equal than 1h0m0s")]
    [InlineData("consul", "{\"PrivateKey\":\"junk\"}",
        "error generating CA root certificate: error parsing private key: no PEM-encoded data found")]
    public void Apply_Refused_WithConsulsText(string provider, string config, string text)
    {
        var e = Assert.Throws<ParleyException>(
            () => CaReconfiguration.Apply(_state, Request(JsonNode.Parse(config)!.AsObject()) with { Provider = provider }, _clock));

        Assert.Equal(ErrorCode.Rejected, e.Code);
        Assert.Equal(text, e.Message);
    }

    [Fact]
    public void Apply_TtlChange_KeepsTheRootAndStoresTheConfigAsGiven()
    {
        var next = CaReconfiguration.Apply(_state, Request(new JsonObject { ["LeafCertTTL"] = "24h" }), _clock)!;

        Assert.Equal(_state.Roots, next.Roots);
        Assert.Equal("""{"LeafCertTTL":"24h"}""", next.Config!.Config.ToJsonString());
        Assert.Equal(5, next.Config.CreateIndex);
        Assert.Equal(0, next.Config.ModifyIndex); // filled in with the write's index when read
    }

    [Fact]
    public void Apply_KeyTypeChange_RotatesWithTheOldRootCrossSigningTheNew()
    {
        _clock.Advance(TimeSpan.FromHours(3));

        var next =
            CaReconfiguration.Apply(_state, Request(new JsonObject { ["PrivateKeyType"] = "rsa", ["PrivateKeyBits"] = 2048 }), _clock)!;

        Assert.Equal(2, next.Roots.Count);
        var (old, fresh) = (next.Roots[0], next.Roots[1]);
        Assert.Equal(_ca.Root.ID, old.ID);
        Assert.False(old.Active);
        Assert.Equal(_clock.GetUtcNow(), old.RotatedOutAt);
        Assert.True(fresh.Active);
        Assert.Equal(("rsa", 2048), (fresh.PrivateKeyType, fresh.PrivateKeyBits));
        Assert.Equal(_ca.TrustDomain, fresh.TrustDomain);
        var crossSigned = Assert.Single(fresh.IntermediateCerts);

        using var newCa = CertificateAuthority.Load(fresh, _clock);
        using var leaf = newCa.IssueLeafCertificate("dc1", "web").ToPublicCertificate();
        Assert.True(TestCa.Chains(leaf, [old.RootCert], [crossSigned], _clock), "a peer that knows only the old root accepts the new leaf");
        Assert.True(TestCa.Chains(leaf, [fresh.RootCert], [], _clock));
    }

    [Fact]
    public void Apply_ForceWithoutCrossSigning_RotatesWithoutIntermediate()
    {
        var next =
            CaReconfiguration.Apply(_state, Request(new JsonObject { ["PrivateKeyBits"] = 384 }) with { ForceWithoutCrossSigning = true },
            _clock)!;

        Assert.Empty(next.Roots[1].IntermediateCerts);
        Assert.True(next.Config!.ForceWithoutCrossSigning);
    }

    [Fact]
    public void Apply_OperatorsKeyAndCert_BecomeTheActiveRoot()
    {
        using var operatorCa = TestCa.Create(_clock, keyType: "ec", keyBits: 521);

        var next = CaReconfiguration.Apply(
            _state, Request(new JsonObject { ["PrivateKey"] = operatorCa.Root.PrivateKey, ["RootCert"] = operatorCa.Root.RootCert }),
                _clock)!;

        Assert.Equal(operatorCa.Root.ID, next.ActiveRoot!.ID);
        Assert.Equal(("ec", 521), (next.ActiveRoot.PrivateKeyType, next.ActiveRoot.PrivateKeyBits));
        using var crossSigned = X509Certificate2.CreateFromPem(next.ActiveRoot.IntermediateCerts[0]);
        Assert.Equal(X509Certificate2.CreateFromPem(_ca.Root.RootCert).Subject, crossSigned.Issuer);
    }

    private static CaConfiguration Request(JsonObject config) => new() { Provider = "consul", Config = (JsonObject)config.DeepClone() };
}
