using Parley.Core.Connect;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Tls;

public sealed class TrustStoreTests : IDisposable
{
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");

    public void Dispose()
    {
        _local.Dispose();
        _peer.Dispose();
    }

    private static bool Validate(TrustStore store, LeafCertificate leaf, out PeerIdentity? identity, out string? error) =>
        store.TryValidate(leaf.Certificate, leaf.Intermediates, DateTimeOffset.UtcNow, out identity, out error);

    [Fact]
    public void TryValidate_LocalLeaf_IsTheLocalService()
    {
        var store = new TrustStore([_local.Bundle()]);

        Assert.True(Validate(store, _local.Leaf("web"), out var identity, out _));
        Assert.Equal(
            (SpiffeIdKind.Service, "web", "dc1", ""), (identity!.Id.Kind, identity.Id.Name, identity.Id.Datacenter, identity.PeerName));
        Assert.Equal(new Parley.Core.Intentions.IntentionCaller("web"), identity.ToCaller());
    }

    [Fact]
    public void TryValidate_PeerLeaf_NeedsThePeersBundle_AndNamesThePeer()
    {
        var leaf = _peer.Leaf("frontend");

        Assert.False(Validate(new TrustStore([_local.Bundle()]), leaf, out _, out var error));
        Assert.Contains("no trusted roots for trust domain", error, StringComparison.Ordinal);

        Assert.True(Validate(new TrustStore([_local.Bundle(), _peer.Bundle("cluster-02")]), leaf, out var identity, out _));
        Assert.Equal("cluster-02", identity!.PeerName);
        Assert.Equal("cluster-02", identity.ToCaller()!.Peer);
    }

    [Fact]
    public void TryValidate_PeerCaClaimingOurTrustDomain_IsRefused()
    {
        // A peer's CA is trusted for the peer's trust domain only, never to vouch for an identity in ours.
        var forged = _peer.Forge(_local.ServiceId("admin"));

        Assert.False(Validate(new TrustStore([_local.Bundle(), _peer.Bundle("cluster-02")]), forged, out _, out var error));
        Assert.Contains("is not signed by the roots of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_ThroughAnIntermediate_NeedsTheIntermediate()
    {
        var leaf = _local.LeafThroughIntermediate("web");
        var store = new TrustStore([_local.Bundle()]);

        Assert.True(Validate(store, leaf, out _, out _));
        Assert.False(store.TryValidate(leaf.Certificate, null, DateTimeOffset.UtcNow, out _, out _));
    }

    [Fact]
    public void TryValidate_ExpiredLeaf_IsRefused()
    {
        var leaf = _local.Leaf("web");

        Assert.False(new TrustStore([_local.Bundle()]).TryValidate(
            leaf.Certificate, null, DateTimeOffset.UtcNow.AddDays(4), out _, out _));
    }

    [Fact]
    public void TryValidate_GatewayLeaf_HasNoCaller()
    {
        Assert.True(Validate(new TrustStore([_local.Bundle()]), _local.GatewayLeaf(), out var identity, out _));
        Assert.Equal(SpiffeIdKind.MeshGateway, identity!.Id.Kind);
        Assert.Null(identity.ToCaller());
    }

    [Fact]
    public void LeafCertificate_KeepsTheIntermediatesApartFromTheLeaf()
    {
        var leaf = _local.LeafThroughIntermediate("web");

        Assert.Single(leaf.Intermediates);
        Assert.Equal(_local.ServiceId("web"), leaf.Identity.Uri);
        Assert.True(leaf.Certificate.HasPrivateKey);
    }
}
