using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Mesh.Tests;

public sealed class CaRootsResponseTests
{
    [Fact]
    public void From_ActiveRoot_SerializesConsulShapeWithoutPrivateKey()
    {
        using var ca = TestCa.Create(TestCa.Clock());
        var stored = ca.Root with { CreateIndex = 8, ModifyIndex = 9 };

        var json = JsonSerializer.Serialize(CaRootsResponse.From([stored]));
        var node = JsonNode.Parse(json)!;

        Assert.DoesNotContain("PRIVATE KEY", json, StringComparison.Ordinal);
        Assert.Equal(
            ["ActiveRootID", "TrustDomain", "Roots"],
            node.AsObject().Select(p => p.Key));
        Assert.Equal(stored.ID, (string?)node["ActiveRootID"]);
        Assert.Equal("7c3c5f0e-1111-2222-3333-444444444444.consul", (string?)node["TrustDomain"]);
        var root = node["Roots"]![0]!.AsObject();
        Assert.Equal(
            [
                "ID", "Name", "SerialNumber", "SigningKeyID", "ExternalTrustDomain", "NotBefore", "NotAfter", "RootCert",
                "IntermediateCerts", "Active", "PrivateKeyType", "PrivateKeyBits", "CreateIndex", "ModifyIndex",
            ],
            root.Select(p => p.Key));
        Assert.Equal("7c3c5f0e-1111-2222-3333-444444444444", (string?)root["ExternalTrustDomain"]);
        Assert.Equal("2025-03-01T11:59:00Z", (string?)root["NotBefore"]);
        Assert.Equal(stored.SerialNumber, (ulong)root["SerialNumber"]!);
        Assert.Null(root["IntermediateCerts"]);
        Assert.True((bool)root["Active"]!);
        Assert.Equal("ec", (string?)root["PrivateKeyType"]);
        Assert.Equal(256, (int)root["PrivateKeyBits"]!);
        Assert.Equal(8, (long)root["CreateIndex"]!);
        Assert.Equal(stored.RootCert, (string?)root["RootCert"]);
    }

    [Fact]
    public void From_NoActiveRoot_HasEmptyActiveRootId()
    {
        using var ca = TestCa.Create(TestCa.Clock());

        var response = CaRootsResponse.From([ca.Root with { Active = false }]);

        Assert.Equal("", response.ActiveRootID);
        Assert.Equal(ca.TrustDomain, response.TrustDomain);
        Assert.False(Assert.Single(response.Roots).Active);
    }

    [Fact]
    public void From_NoRoots_IsEmpty()
    {
        var response = CaRootsResponse.From([]);

        Assert.Equal("", response.ActiveRootID);
        Assert.Equal("", response.TrustDomain);
        Assert.Empty(response.Roots);
    }
}
