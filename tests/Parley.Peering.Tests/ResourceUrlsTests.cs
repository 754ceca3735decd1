using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Parley.Peering.V1;

namespace Parley.Peering.Tests;

public sealed class ResourceUrlsTests
{
    [Fact]
    public void Constants_EqualTheTypeUrlsOfThePackedMessages()
    {
        Assert.Equal(ResourceUrls.ExportedService, Any.Pack(new ExportedService()).TypeUrl);
        Assert.Equal(ResourceUrls.ExportedServiceList, Any.Pack(new ExportedServiceList()).TypeUrl);
        Assert.Equal(ResourceUrls.PeeringTrustBundle, Any.Pack(new PeeringTrustBundle()).TypeUrl);
        Assert.Equal(ResourceUrls.PeeringServerAddresses, Any.Pack(new PeeringServerAddresses()).TypeUrl);
    }

    [Fact]
    public void IsKnown_OnlyTheFourUrls()
    {
        Assert.All(ResourceUrls.All, url => Assert.True(ResourceUrls.IsKnown(url)));
        Assert.False(ResourceUrls.IsKnown("type.googleapis.com/hashicorp.consul.internal.peerstream.ExportedService"));
        Assert.False(ResourceUrls.IsKnown(null));
    }

    [Fact]
    public void Service_HasTheTwoRpcsUnderOurPackage()
    {
        var service = PeerStreamService.Descriptor;

        Assert.Equal("parley.peering.v1.PeerStreamService", service.FullName);
        var streamResources = service.FindMethodByName("StreamResources");
        Assert.True(streamResources.IsClientStreaming);
        Assert.True(streamResources.IsServerStreaming);
        var exchange = service.FindMethodByName("ExchangeSecret");
        Assert.False(exchange.IsClientStreaming);
        Assert.False(exchange.IsServerStreaming);
    }

    [Fact]
    public void ReplicationMessage_FieldNumbersFollowConsul()
    {
        var d = ReplicationMessage.Descriptor;

        Assert.Equal(
            [("open", 1), ("request", 2), ("response", 3), ("terminated", 4), ("heartbeat", 5)],
            d.Fields.InFieldNumberOrder().Select(f => (f.Name, f.FieldNumber)));
        Assert.Equal(
            [("peer_id", 1), ("response_nonce", 2), ("resource_url", 3), ("error", 5)],
            ReplicationMessage.Types.Request.Descriptor.Fields.InFieldNumberOrder().Select(f => (f.Name, f.FieldNumber)));
        Assert.Equal(
            [("nonce", 1), ("resource_url", 2), ("resource_id", 3), ("resource", 4), ("operation", 5)],
            ReplicationMessage.Types.Response.Descriptor.Fields.InFieldNumberOrder().Select(f => (f.Name, f.FieldNumber)));
    }

    [Fact]
    public void Response_WithPackedResource_RoundTripsThroughBytes()
    {
        var list = new ExportedServiceList { Services = { "api", "web" } };
        var message = new ReplicationMessage
        {
            Response = new ReplicationMessage.Types.Response
            {
                Nonce = "00000001",
                ResourceUrl = ResourceUrls.ExportedServiceList,
                ResourceId = ResourceIds.ExportedServiceList,
                Resource = Any.Pack(list),
                Operation = Operation.Upsert,
            },
        };

        var parsed = ReplicationMessage.Parser.ParseFrom(message.ToByteArray());

        Assert.Equal(ReplicationMessage.PayloadOneofCase.Response, parsed.PayloadCase);
        Assert.Equal(parsed.Response.ResourceUrl, parsed.Response.Resource.TypeUrl);
        Assert.Equal(list, parsed.Response.Resource.Unpack<ExportedServiceList>());
    }
}
