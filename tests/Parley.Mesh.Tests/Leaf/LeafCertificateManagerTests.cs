using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Core;
using Parley.Mesh.Ca;
using Parley.Mesh.Leaf;
using Parley.Testing;

namespace Parley.Mesh.Tests.Leaf;

public sealed class LeafCertificateManagerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = TestCa.Clock();
    private readonly TestCaState _state = new();
    private readonly ConnectCa _ca;
    private readonly LeafCertificateManager _manager;
    private readonly CertificateAuthority _firstRoot;

    public LeafCertificateManagerTests()
    {
        _firstRoot = TestCa.Create(_clock);
        _state.Write(new ConnectCaState { Roots = [_firstRoot.Root], Config = CaConfiguration.Initial(null) });
        _ca = new ConnectCa(_state.Store, _clock, "dc1");
        _manager = new LeafCertificateManager(
            _ca, _state.Store, new LeafCertificateOptions { RootChangeJitter = TimeSpan.Zero }, _clock,
                NullLogger<LeafCertificateManager>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _manager.StartAsync(Token);

    public async ValueTask DisposeAsync()
    {
        await _manager.StopAsync(CancellationToken.None);
        _manager.Dispose();
        _ca.Dispose();
        _firstRoot.Dispose();
    }

    [Fact]
    public async Task GetAsync_Service_IssuesOnceAndServesTheSameLeaf()
    {
        var first = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);
        var again = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);

        Assert.Same(first, again);
        Assert.Equal("web", first.Service);
        Assert.Equal("spiffe://7c3c5f0e-1111-2222-3333-444444444444.consul/ns/default/dc/dc1/svc/web", first.ServiceUri);
        Assert.Equal("", first.Kind);
        Assert.Equal(TestCa.Start - TimeSpan.FromMinutes(1), first.ValidAfter);
        Assert.Equal(first.ValidAfter + TimeSpan.FromHours(72), first.ValidBefore);
        Assert.Equal(_firstRoot.Root.ID, first.RootId);
        Assert.True(first.ModifyIndex > 0);
    }

    [Fact]
    public async Task GetAsync_MeshGateway_HasKindAndGatewayUriOnly()
    {
        var leaf = await _manager.GetAsync(LeafKey.MeshGateway, 0, null, Token);

        Assert.Equal("mesh-gateway", leaf.Kind);
        Assert.Equal("spiffe://7c3c5f0e-1111-2222-3333-444444444444.consul/gateway/mesh/dc/dc1", leaf.KindUri);
        Assert.Equal("", leaf.Service);
        Assert.Equal("", leaf.ServiceUri);
    }

    [Fact]
    public async Task GetAsync_LeafCertTtlFromTheConfiguration_SetsTheLifetime()
    {
        var config = CaConfiguration.Initial(new() { ["LeafCertTTL"] = "5h" });
        _state.Write(_state.Read() with { Config = config });

        var leaf = await _manager.GetAsync(LeafKey.ForService("api"), 0, null, Token);

        Assert.Equal(TimeSpan.FromHours(5), leaf.ValidBefore - leaf.ValidAfter);
    }

    [Fact]
    public async Task GetAsync_Blocking_ReturnsTheSameLeafWhenTheWaitEnds()
    {
        var first = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);

        var waiting = _manager.GetAsync(LeafKey.ForService("web"), first.ModifyIndex, TimeSpan.FromSeconds(30), Token);
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Same(first, await waiting.WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public async Task GetAsync_Blocking_WakesWithALeafOfTheNewRootWhenTheRootRotates()
    {
        var first = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);
        var waiting = _manager.GetAsync(LeafKey.ForService("web"), first.ModifyIndex, TimeSpan.FromMinutes(5), Token);

        using var next = Rotate();
        var renewed = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.True(renewed.ModifyIndex > first.ModifyIndex);
        Assert.Equal(next.Root.ID, renewed.RootId);
        using var leaf = X509Certificate2.CreateFromPem(renewed.CertPem);
        Assert.True(TestCa.Chains(leaf, [next.Root.RootCert], [], _clock));
    }

    [Fact]
    public async Task GetAsync_NonBlockingAfterRotation_ReissuesAtOnceWithTheCrossSignedIntermediate()
    {
        var first = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);
        using var next = Rotate();

        var after = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);

        Assert.Equal(next.Root.ID, after.RootId);
        Assert.True(after.ModifyIndex > first.ModifyIndex);
        var pems = after.CertPem.Split("-----END CERTIFICATE-----\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, pems.Length); // the leaf, then the cross-signed new root
        using var leaf = X509Certificate2.CreateFromPem(after.CertPem);
        Assert.True(TestCa.Chains(leaf, [_firstRoot.Root.RootCert], [pems[1] + "-----END CERTIFICATE-----\n"], _clock));
    }

    [Fact]
    public async Task Renewal_BetweenSixtyAndNinetyPercentOfTheLifetime_ReplacesTheLeaf()
    {
        var first = await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token);
        _clock.Advance(TimeSpan.FromHours(72 * 0.59));
        await Task.Delay(200, Token); // give the loop a chance to (wrongly) renew
        Assert.Same(first, await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token));

        _clock.Advance(TimeSpan.FromHours(72 * 0.32));

        var renewed = await WaitForAsync(l => l.SerialNumber != first.SerialNumber);
        Assert.True(renewed.ModifyIndex > first.ModifyIndex);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(1), renewed.ValidAfter, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetAsync_BeforeTheCaExists_IsUnavailable()
    {
        var empty = new TestCaState();
        using var ca = new ConnectCa(empty.Store, _clock, "dc1");
        using var manager = new LeafCertificateManager(
            ca, empty.Store, new LeafCertificateOptions(), _clock, NullLogger<LeafCertificateManager>.Instance);

        var e = await Assert.ThrowsAsync<ParleyException>(() => manager.GetAsync(LeafKey.ForService("web"), 0, null, Token));

        Assert.Equal(ErrorCode.Unavailable, e.Code);
        Assert.Equal("CA has not finished initializing", e.Message);
    }

    // Writes a new active root, cross-signed by the first, and keeps the first as inactive.
    private CertificateAuthority Rotate()
    {
        var next = TestCa.Create(_clock, keyType: "ec", keyBits: 384);
        var crossSigned = _firstRoot.CrossSign(next.Root);
        var state = _state.Read();
        _state.Write(state with
        {
            Roots = [_firstRoot.Root with
            {
                Active = false,
                RotatedOutAt = _clock.GetUtcNow(),
            }, next.Root with { IntermediateCerts = [crossSigned] }],
        });
        return next;
    }

    private Task<LeafCertificate> WaitForAsync(Func<LeafCertificate, bool> condition) =>
        Eventually.ReadAsync(
            async () => await _manager.GetAsync(LeafKey.ForService("web"), 0, null, Token), condition, TimeSpan.FromSeconds(10),
                "the leaf changes", Token);
}
