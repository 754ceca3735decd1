using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class ForwardedClientCertTests
{
    [Fact]
    public void Parse_EnvoyExample_ReadsFieldsOfEachElement()
    {
        // The shape Consul's rbac.go documents for a peer caller behind the exporting gateway, plus the sidecar's append.
        const string Header =
            "By=spiffe://gw.consul/gateway/mesh/dc/dc1;Hash=abc;Cert=\"-----BEGIN%20CERTIFICATE-----%0Ax%2Cy\";" +
            "Chain=\"c\";Subject=\"\";URI=spiffe://peer.consul/ns/default/dc/dc2/svc/frontend," +
            "By=spiffe://local.consul/ns/default/dc/dc1/svc/backend;Hash=def;Subject=\"\";URI=spiffe://gw.consul/gateway/mesh/dc/dc1";

        var elements = ForwardedClientCert.Parse(Header);

        Assert.Equal(2, elements.Count);
        Assert.Equal("spiffe://gw.consul/gateway/mesh/dc/dc1", elements[0].By);
        Assert.Equal("abc", elements[0].Hash);
        Assert.Equal("-----BEGIN CERTIFICATE-----\nx,y", elements[0].Cert);
        Assert.Equal("spiffe://peer.consul/ns/default/dc/dc2/svc/frontend", elements[0].Uri);
        Assert.Equal("spiffe://gw.consul/gateway/mesh/dc/dc1", elements[1].Uri);
        Assert.Equal("spiffe://peer.consul/ns/default/dc/dc2/svc/frontend", ForwardedClientCert.FirstUri(Header));
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var element = new ForwardedClientCertElement
        {
            By = "spiffe://a.consul/ns/default/dc/dc1/svc/api",
            Hash = "0123",
            Cert = "-----BEGIN CERTIFICATE-----\nAB/+=\n-----END CERTIFICATE-----\n",
            Subject = "",
            Uri = "spiffe://b.consul/ns/default/dc/dc2/svc/web",
            Dns = ["x.example"],
        };

        var text = ForwardedClientCert.Format(element);
        var parsed = Assert.Single(ForwardedClientCert.Parse(text));

        Assert.StartsWith("By=spiffe://a.consul/ns/default/dc/dc1/svc/api;Hash=0123;Cert=\"", text, StringComparison.Ordinal);
        Assert.Contains(";Subject=\"\";URI=spiffe://b.consul/ns/default/dc/dc2/svc/web;DNS=x.example", text, StringComparison.Ordinal);
        Assert.Equal(element.Cert, parsed.Cert);
        Assert.Equal(element.Uri, parsed.Uri);
        Assert.Equal(["x.example"], parsed.Dns);
    }

    [Fact]
    public void Append_AddsAnElementAfterTheExistingOnes()
    {
        var first = new ForwardedClientCertElement { By = "spiffe://g/gateway/mesh/dc/dc1", Uri = "spiffe://p/ns/default/dc/d/svc/a" };
        var second = new ForwardedClientCertElement { By = "spiffe://l/ns/default/dc/d/svc/b", Uri = "spiffe://g/gateway/mesh/dc/dc1" };

        var header = ForwardedClientCert.Append(ForwardedClientCert.Append(null, first), second);

        Assert.Equal(
            ["spiffe://p/ns/default/dc/d/svc/a", "spiffe://g/gateway/mesh/dc/dc1"], ForwardedClientCert.Parse(header).Select(e => e.Uri));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    public void FirstUri_NoUsableElement_IsEmpty(string? header)
    {
        Assert.Equal("", ForwardedClientCert.FirstUri(header));
    }
}
