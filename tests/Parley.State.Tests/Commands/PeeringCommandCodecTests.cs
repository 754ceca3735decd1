using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Core.Peering;
using Parley.State.Commands;
using Parley.State.Peering;

namespace Parley.State.Tests.Commands;

public sealed class PeeringCommandCodecTests
{
    private static readonly Peering.PeeringRecord SamplePeering = new()
    {
        ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
        Name = "cluster-02",
        Partition = "default",
        State = PeeringState.Establishing,
        DeletedAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1)),
        Meta = new Dictionary<string, string> { ["env"] = "prod" },
        PeerID = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        PeerCAPems = ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"],
        PeerServerName = "server.dc2.peering.11111111-2222-3333-4444-555555555555.consul",
        PeerServerAddresses = ["10.1.0.1:8503", "10.1.0.2:8503"],
        ManualServerAddresses = ["192.0.2.1:8503"],
        Remote = new PeeringTokenRemote
        {
            Partition = "default",
            Datacenter = "dc2",
            Locality = new Locality { Region = "eu", Zone = "a" },
        },
        CreateIndex = 7,
        ModifyIndex = 9,
    };

    /// <summary>One populated command of every peering type, keyed by its log tag.</summary>
    private static readonly Dictionary<string, Command> Samples = new()
    {
        ["peering.write.v1"] = new WritePeering(SamplePeering),
        ["peering.generate-token.v1"] = new GeneratePeeringToken(SamplePeering with { State = PeeringState.Pending }, "establish-secret"),
        ["peering.exchange-secret.v1"] = new ExchangePeeringSecret(SamplePeering.ID, "establish-secret", "pending-secret", "exchange-id"),
        ["peering.establish.v1"] = new EstablishPeering(SamplePeering.ID, "active-secret"),
        ["peering.promote-secret.v1"] = new PromotePeeringStreamSecret(SamplePeering.ID, "pending-secret", SamplePeering.Remote),
        ["peering.mark-deleted.v1"] = new MarkPeeringForDeletion("cluster-02",
            new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.Zero)),
        ["peering.terminate.v1"] = new TerminatePeering(SamplePeering.ID),
        ["peering.delete.v1"] = new DeletePeering(SamplePeering.ID),
        ["peering.server-addresses.v1"] = new SetPeerServerAddresses(SamplePeering.ID, ["10.1.0.3:8503"]),
        ["peering.trust-bundle.v1"] = new WriteTrustBundle(new TrustBundle
        {
            PeerName = "cluster-02",
            TrustDomain = "11111111-2222-3333-4444-555555555555.consul",
            RootPEMs = ["pem-1", "pem-2"],
            ExportedPartition = "default",
            CreateIndex = 3,
            ModifyIndex = 4,
        }),
        ["peering.import-service.v1"] = new ReconcileImportedService("cluster-02", "web",
        [
            new ImportedInstance(
                new Node { Name = "node-a", Address = "10.1.1.1", Meta = new Dictionary<string, string> { ["k"] = "v" } },
                new ServiceInstance { Node = "node-a", ID = "web-1", Service = "web", Tags = ["v1"], Port = 8080 },
                [new HealthCheck
                {
                    Node = "node-a",
                    CheckID = "web-1:overall-check",
                    Name = "overall-check",
                    Status = HealthStatus.Passing,
                }]),
        ]),
        ["peering.prune-imports.v1"] = new PruneImportedServices("cluster-02", ["web", "api"]),
        ["peering.delete-imports.v1"] = new DeleteImportedData("cluster-02", 100),
        ["system.set.v1"] = new SetSystemValue("connect-ca", new JsonObject { ["Roots"] = new JsonArray("a", "b"), ["Index"] = 3 },
            Cas: 12),
    };

    public static TheoryData<string> Tags => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(Tags))]
    public void Decode_EncodedPeeringCommand_ReEncodesToTheSameBytes(string tag)
    {
        // Every field the encoder writes must come back: a lost field re-encodes as its default.
        var encoded = CommandCodec.Encode(Samples[tag]);

        var decoded = CommandCodec.Decode(encoded);

        Assert.Equal(Samples[tag].GetType(), decoded.GetType());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(encoded), System.Text.Encoding.UTF8.GetString(CommandCodec.Encode(decoded)));
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void Encode_EveryPeeringCommandType_WritesItsStableTypeTag(string tag)
    {
        var json = JsonNode.Parse(CommandCodec.Encode(Samples[tag]))!.AsObject();

        Assert.Equal(tag, (string?)json["type"]);
    }

    [Fact]
    public void Decode_ExchangeWrittenBeforeExchangeIds_HasNoExchangeId()
    {
        var json =
            $$"""{"type":"peering.exchange-secret.v1","PeeringID":"{{SamplePeering.ID}}","EstablishmentSecret":"s","PendingStreamSecre""" +
            $$"""t":"p"}""";

        var decoded = Assert.IsType<ExchangePeeringSecret>(CommandCodec.Decode(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal("p", decoded.PendingStreamSecret);
        Assert.Null(decoded.ExchangeId);
    }

    [Fact]
    public void Decode_SecretsAndPeering_KeepEveryValue()
    {
        // A spot check that the re-encode comparison is not comparing two empty documents.
        var decoded = Assert.IsType<GeneratePeeringToken>(CommandCodec.Decode(CommandCodec.Encode(Samples["peering.generate-token.v1"])));

        Assert.Equal("establish-secret", decoded.EstablishmentSecret);
        Assert.Equal(PeeringState.Pending, decoded.Peering.State);
        Assert.Equal(["192.0.2.1:8503"], decoded.Peering.ManualServerAddresses);
        Assert.Equal("eu", decoded.Peering.Remote!.Locality!.Region);
        Assert.Equal(SamplePeering.DeletedAt, decoded.Peering.DeletedAt);
    }
}
