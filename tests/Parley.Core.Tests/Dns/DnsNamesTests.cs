using Parley.Core.Dns;

namespace Parley.Core.Tests.Dns;

public sealed class DnsNamesTests
{
    [Theory]
    [InlineData("web.service.consul.", "consul.", null, "web.service")]
    [InlineData("WEB.Service.Consul", "consul.", null, "web.service")]
    [InlineData("consul.", "consul.", null, "")]
    [InlineData("web.service.example.com.", "consul.", null, null)]
    [InlineData("web.service.internal.", "consul.", "internal.", "web.service")]
    [InlineData("web.service.dc1.consul.", "consul.", "dc1.consul.", "web.service")] // the longer suffix is trimmed, as Consul does
    public void TrimDomain_RemovesTheDomainOrAltDomain(string name, string domain, string? alt, string? expected) =>
        Assert.Equal(expected, DnsNames.TrimDomain(name, domain, alt));

    [Theory]
    [InlineData("web.service", false, DnsLookupKind.Service, "web", "", "", "")]
    [InlineData("primary.web.service", false, DnsLookupKind.Service, "web", "primary", "", "")]
    [InlineData("v1.primary.web.service", false, DnsLookupKind.Service, "web", "v1.primary", "", "")]
    [InlineData("_web._primary.service", true, DnsLookupKind.Service, "web", "primary", "", "")]
    [InlineData("_web._tcp.service", true, DnsLookupKind.Service, "web", "", "", "")]
    [InlineData("_web._tcp", true, DnsLookupKind.Service, "web", "", "", "")]
    [InlineData("web.service.dc2", false, DnsLookupKind.Service, "web", "", "dc2", "")]
    [InlineData("web.service.dc2.dc", false, DnsLookupKind.Service, "web", "", "dc2", "")]
    [InlineData("web.service.cluster-01.peer", false, DnsLookupKind.Service, "web", "", "", "cluster-01")]
    [InlineData("v2.web.service.cluster-01.peer", false, DnsLookupKind.Service, "web", "v2", "", "cluster-01")]
    [InlineData("node-1.node", false, DnsLookupKind.Node, "node-1", "", "", "")]
    [InlineData("host.example.node.dc1", false, DnsLookupKind.Node, "host.example", "", "dc1", "")]
    [InlineData("node-1.node.cluster-01.peer", false, DnsLookupKind.Node, "node-1", "", "", "cluster-01")]
    [InlineData("web.connect", false, DnsLookupKind.Connect, "web", "", "", "")]
    [InlineData("web.ingress.dc1", false, DnsLookupKind.Ingress, "web", "", "dc1", "")]
    [InlineData("web.virtual.cluster-01", false, DnsLookupKind.Virtual, "web", "", "", "cluster-01")]
    [InlineData("geo.db.query", false, DnsLookupKind.Query, "geo.db", "", "", "")]
    [InlineData("_geo._tcp.query", false, DnsLookupKind.Query, "geo", "", "", "")]
    [InlineData("0a000001.addr.dc1", false, DnsLookupKind.Address, "0a000001", "", "dc1", "")]
    public void Parse_ReadsConsulsNameForms(string name, bool srv, DnsLookupKind kind, string what, string tag, string dc, string peer) =>
        Assert.Equal(new DnsLookup(kind, what, tag, dc, peer), DnsNames.Parse(name, srv));

    [Theory]
    [InlineData("")]
    [InlineData("service")]
    [InlineData("web")]
    [InlineData("web.service.a.dc.b.peer")] // a datacenter and a peer at once
    [InlineData("web.service.a.b.c")]
    [InlineData("web.connect.cluster-01.peer")] // peers are not served for connect
    [InlineData("zz.addr")]
    [InlineData("0a0000.addr")]
    [InlineData("web..service")]
    [InlineData("_web._tcp")] // the RFC 2782 form without ".service" is for SRV questions only
    public void Parse_RefusesWhatConsulRefuses(string name) =>
        Assert.Equal(DnsLookupKind.Invalid, DnsNames.Parse(name, isSrv: false).Kind);

    [Fact]
    public void ServiceTtl_PrefersExactThenLongestPrefix()
    {
        var ttl = new DnsServiceTtl(new Dictionary<string, TimeSpan>
        {
            ["*"] = TimeSpan.FromSeconds(5),
            ["web*"] = TimeSpan.FromSeconds(10),
            ["web-api*"] = TimeSpan.FromSeconds(20),
            ["web"] = TimeSpan.FromSeconds(30),
        });

        Assert.Equal(TimeSpan.FromSeconds(30), ttl.For("web"));
        Assert.Equal(TimeSpan.FromSeconds(20), ttl.For("web-api-v2"));
        Assert.Equal(TimeSpan.FromSeconds(10), ttl.For("webby"));
        Assert.Equal(TimeSpan.FromSeconds(5), ttl.For("db"));
        Assert.Equal(TimeSpan.Zero, DnsServiceTtl.None.For("db"));
    }
}
