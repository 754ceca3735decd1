using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Core.PreparedQueries;
using Parley.State.Commands;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Commands;

public sealed class CommandCodecTests
{
    /// <summary>One fully populated command of every type, keyed by the tag it must carry in the log.</summary>
    private static readonly Dictionary<string, Command> Samples = new()
    {
        ["catalog.register.v1"] = new RegisterCatalog(
            new Node
            {
                ID = "1f7c9f4e-5a8e-4a8b-9d0c-2b1c3a4d5e6f",
                Name = "web-1",
                Address = "10.0.0.7",
                Datacenter = "dc1",
                TaggedAddresses = new Dictionary<string, string> { ["lan"] = "10.0.0.7", ["wan"] = "198.51.100.7" },
                Meta = new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "a" },
                PeerName = "peer1",
                CreateIndex = 3,
                ModifyIndex = 4,
            },
            new ServiceInstance
            {
                Node = "web-1",
                Kind = "connect-proxy",
                ID = "web-sidecar",
                Service = "web-sidecar-proxy",
                Tags = ["v2", "primary", "v2"],
                Address = "10.0.0.8",
                TaggedAddresses = new Dictionary<string, ServiceAddress> { ["lan_ipv4"] = new("10.0.0.8", 21000) },
                Meta = new Dictionary<string, string> { ["version"] = "2" },
                Port = 21000,
                SocketPath = "/run/web.sock",
                Weights = new ServiceWeights(10, 3),
                EnableTagOverride = true,
                Proxy = new ConnectProxyConfig
                {
                    DestinationServiceName = "web",
                    LocalServicePort = 8080,
                    Config = new JsonObject { ["protocol"] = "http", ["nested"] = new JsonArray(1, "two") },
                    Upstreams = [new Upstream
                    {
                        DestinationName = "db",
                        Datacenter = "dc2",
                        LocalBindPort = 9191,
                        Config = new JsonObject { ["connect_timeout_ms"] = 500 },
                    }],
                    Expose = new ExposeConfig
                    {
                        Checks = true,
                        Paths = [new ExposePath { Path = "/health", ListenerPort = 21500, LocalPathPort = 8080 }],
                    },
                },
                Connect = new ServiceConnect
                {
                    Native = true,
                    PeerMeta = new PeeringServiceMeta { SNI = ["a", "b"], SpiffeID = ["spiffe://x"] },
                },
                PeerName = "peer1",
            },
            [
                new HealthCheck { Node = "web-1", CheckID = "serfHealth", Name = "Serf", Status = HealthStatus.Passing, Output = "ok" },
                new HealthCheck
                {
                    Node = "web-1",
                    CheckID = "web-http",
                    Name = "HTTP",
                    Status = HealthStatus.Warning,
                    Notes = "slow",
                    ServiceID = "web-sidecar",
                    ServiceName = "web-sidecar-proxy",
                    ServiceTags = ["v2"],
                    Type = "http",
                    DefinitionJson = """{"HTTP":"http://localhost/health","Interval":"10s"}""",
                },
            ])
        {
            SkipNodeUpdate = true,
        },
        ["catalog.deregister.v1"] = new DeregisterCatalog("web-1", "web-sidecar", "web-http", "peer1"),
        ["catalog.check-status.v1"] = new UpdateCheckStatus("web-1", "web-http", HealthStatus.Critical, "connection refused"),
        ["config.set.v1"] = new SetConfigEntry(
            "service-defaults",
            "web",
            new JsonObject
            {
                ["Kind"] = "service-defaults",
                ["Name"] = "web",
                ["Protocol"] = "http",
                ["Meta"] = new JsonObject { ["a"] = "b" }
            },
            Cas: 17),
        ["config.delete.v1"] = new DeleteConfigEntry("service-defaults", "web", Cas: 0),
        ["batch.v1"] = new Batch(
        [
            new DeregisterCatalog("a", null, null),
            new Batch([new UpdateCheckStatus("b", "c", HealthStatus.Passing, "")]),
            new SetConfigEntry("proxy-defaults", "global", new JsonObject { ["Config"] = new JsonArray(1, "two", null) }),
        ]),
        ["query.set.v1"] = new SetPreparedQuery(new PreparedQuery
        {
            ID = "8f246b77-f3e1-ff88-5b48-8ec93abf3e05",
            Name = "geo-",
            Session = "s1",
            Token = "secret",
            Template = new QueryTemplate { Type = QueryTemplate.NamePrefixMatch, Regexp = "^geo-(.*)$", RemoveEmptyTags = true },
            Service = new ServiceQuery
            {
                Service = "${match(1)}",
                Failover =
                    new QueryFailover
                    {
                        Targets =
                    [new QueryFailoverTarget { Peer = "cluster-01" }, new QueryFailoverTarget { Datacenter = "dc2" }]
                    },
                OnlyPassing = true,
                IgnoreCheckIDs = ["serfHealth"],
                Near = "_agent",
                Tags = ["v1", "!canary"],
                NodeMeta = new Dictionary<string, string> { ["rack"] = "r1" },
                ServiceMeta = new Dictionary<string, string> { ["version"] = "2" },
                Peer = "cluster-02",
                Connect = true,
            },
            DNS = new QueryDns { TTL = "10s" },
        }),
        ["query.delete.v1"] = new DeletePreparedQuery("8f246b77-f3e1-ff88-5b48-8ec93abf3e05"),
        ["txn.v1"] = new Transaction(
            [
                new TxnKvOp(
                    new ApplyKv(Core.Kv.KvVerb.Cas, "app/x", "v"u8.ToArray(), Flags: 3, Index: 9, Session: "s1",
                    Now: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))),
                new TxnNodeOp(CatalogTxnVerb.Cas, new Node
                {
                    ID = "1f7c9f4e-5a8e-4a8b-9d0c-2b1c3a4d5e6f",
                    Name = "n1",
                    Address = "10.0.0.1",
                    Meta = new Dictionary<string, string> { ["rack"] = "r1" },
                }, 12),
                new TxnServiceOp(CatalogTxnVerb.Set, new ServiceInstance
                {
                    Node = "n1",
                    ID = "web-1",
                    Service = "web",
                    Tags = ["v1"],
                    Port = 80,
                    Weights = new ServiceWeights(5, 1),
                }),
                new TxnCheckOp(
                    CatalogTxnVerb.DeleteCas,
                    new HealthCheck { Node = "n1", CheckID = "c1", ServiceID = "web-1", DefinitionJson = """{"HTTP":"http://x"}""" },
                    14),
            ],
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
    };

    public static TheoryData<string> Tags => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(Tags))]
    public void Decode_EncodedCommand_RoundTripsEveryField(string tag)
    {
        var command = Samples[tag];

        var decoded = CommandCodec.Decode(CommandCodec.Encode(command));

        CommandAssert.Equal(command, decoded);
    }

    [Theory]
    [MemberData(nameof(Tags))]
    public void Encode_EveryCommandType_WritesItsStableTypeTag(string tag)
    {
        // The tag is part of the on-disk log: renaming one makes old logs unreadable.
        var json = JsonNode.Parse(CommandCodec.Encode(Samples[tag]))!.AsObject();

        Assert.Equal(tag, (string?)json["type"]);
    }

    [Fact]
    public void Command_PinnedTags_AreStillRegisteredForTheirTypes()
    {
        // Every tag that has ever been written to a log. Adding a command adds a line here; a rename or a
        // removal makes old logs unreadable and must fail this test.
        var pinned = new Dictionary<string, string>
        {
            ["catalog.register.v1"] = "RegisterCatalog",
            ["catalog.deregister.v1"] = "DeregisterCatalog",
            ["catalog.check-status.v1"] = "UpdateCheckStatus",
            ["config.set.v1"] = "SetConfigEntry",
            ["config.delete.v1"] = "DeleteConfigEntry",
            ["batch.v1"] = "Batch",
            ["peering.write.v1"] = "WritePeering",
            ["peering.generate-token.v1"] = "GeneratePeeringToken",
            ["peering.exchange-secret.v1"] = "ExchangePeeringSecret",
            ["peering.establish.v1"] = "EstablishPeering",
            ["peering.promote-secret.v1"] = "PromotePeeringStreamSecret",
            ["peering.mark-deleted.v1"] = "MarkPeeringForDeletion",
            ["peering.terminate.v1"] = "TerminatePeering",
            ["peering.delete.v1"] = "DeletePeering",
            ["peering.server-addresses.v1"] = "SetPeerServerAddresses",
            ["peering.trust-bundle.v1"] = "WriteTrustBundle",
            ["peering.import-service.v1"] = "ReconcileImportedService",
            ["peering.prune-imports.v1"] = "PruneImportedServices",
            ["peering.delete-imports.v1"] = "DeleteImportedData",
            ["system.set.v1"] = "SetSystemValue",
            ["acl.policy-set.v1"] = "SetAclPolicy",
            ["acl.policy-delete.v1"] = "DeleteAclPolicy",
            ["acl.role-set.v1"] = "SetAclRole",
            ["acl.role-delete.v1"] = "DeleteAclRole",
            ["acl.token-set.v1"] = "SetAclToken",
            ["acl.token-delete.v1"] = "DeleteAclToken",
            ["acl.bootstrap.v1"] = "BootstrapAcl",
            ["acl.initialize.v1"] = "InitializeAcl",
            ["kv.apply.v1"] = "ApplyKv",
            ["session.create.v1"] = "CreateSession",
            ["session.destroy.v1"] = "DestroySession",
            ["kv.txn.v1"] = "KvTransaction",
            ["txn.v1"] = "Transaction",
            ["query.set.v1"] = "SetPreparedQuery",
            ["query.delete.v1"] = "DeletePreparedQuery",
        };

        var registered = RegisteredTags();

        foreach (var (tag, typeName) in pinned)
        {
            Assert.True(registered.TryGetValue(tag, out var type), $"tag {tag} is no longer registered");
            Assert.Equal(typeName, type.Name);
        }
    }

    [Fact]
    public void Command_EveryConcreteType_HasOneUniqueVersionedTag()
    {
        var registered = RegisteredTags();
        var concrete = typeof(Command).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Command)) && !t.IsAbstract);

        // An unregistered command type fails at Encode, i.e. on the leader at write time.
        Assert.Empty(concrete.Except(registered.Values));
        Assert.Equal(registered.Count, registered.Values.Distinct().Count());
        Assert.All(registered.Keys, tag => Assert.Matches(@"^[a-z]+(\.[a-z-]+)*\.v[0-9]+$", tag));
    }

    [Fact]
    public void Encode_BatchMembers_CarryTheirOwnTags()
    {
        var json = JsonNode.Parse(CommandCodec.Encode(Samples["batch.v1"]))!;

        var inner = json["Commands"]!.AsArray().Select(c => (string?)c!["type"]);

        Assert.Equal(["catalog.deregister.v1", "batch.v1", "config.set.v1"], inner);
        Assert.Equal("catalog.check-status.v1", (string?)json["Commands"]![1]!["Commands"]![0]!["type"]);
    }

    [Fact]
    public void Decode_HandWrittenEntry_ReadsTheDocumentedFormat()
    {
        // What a log written by this version holds; a change that breaks reading it breaks old logs.
        const string Entry = """{"type":"catalog.deregister.v1","Node":"n1","ServiceID":null,"CheckID":"c1","PeerName":""}""";

        var decoded = CommandCodec.Decode(Encoding.UTF8.GetBytes(Entry));

        Assert.Equal(new DeregisterCatalog("n1", null, "c1", ""), decoded);
    }

    [Fact]
    public void Decode_EntryWrittenBeforeTaggedAddressesHadAType_ReadsAddressAndPort()
    {
        // Service tagged addresses were stored as "address:port" strings; such an entry must still apply.
        const string Entry = """
            {"type":"catalog.register.v1","Node":{"Name":"n1"},"Checks":[],
             "Service":{"Node":"n1","ID":"web","Service":"web","TaggedAddresses":{"wan":"198.51.100.7:8443","lan":"10.0.0.1"}}}
            """;

        var decoded = (RegisterCatalog)CommandCodec.Decode(Encoding.UTF8.GetBytes(Entry));

        Assert.Equal(new ServiceAddress("198.51.100.7", 8443), decoded.Service!.TaggedAddresses["wan"]);
        Assert.Equal(new ServiceAddress("10.0.0.1", 0), decoded.Service.TaggedAddresses["lan"]);
    }

    [Fact]
    public void Decode_TypeTagAfterOtherProperties_StillDecodes()
    {
        var decoded = CommandCodec.Decode(
            """{"Node":"n1","CheckID":"c1","Status":"passing","Output":"","type":"catalog.check-status.v1"}"""u8);

        Assert.Equal(new UpdateCheckStatus("n1", "c1", HealthStatus.Passing, ""), decoded);
    }

    [Theory]
    [InlineData("""{"type":"catalog.frobnicate.v1","Node":"n1"}""")]
    [InlineData("""{"type":"catalog.register.v2","Node":{"Name":"n1"},"Service":null,"Checks":[]}""")]
    [InlineData("""{"type":"Catalog.Register.V1","Node":{"Name":"n1"},"Service":null,"Checks":[]}""")]
    [InlineData("""{"type":"batch.v1","Commands":[{"type":"nope.v1"}]}""")]
    [InlineData("""{"Node":"n1","ServiceID":null,"CheckID":null}""")]
    [InlineData("""{"type":42}""")]
    public void Decode_UnknownTypeTag_ThrowsCorruptCommand(string json)
    {
        Assert.Throws<CorruptCommandException>(() => CommandCodec.Decode(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"type":"catalog.deregister.v1","Node":""")]
    [InlineData("""{"type":"catalog.register.v1","Node":{"Address":"no name"},"Service":null,"Checks":[]}""")]
    [InlineData("""{"type":"config.set.v1","Kind":"k","Name":"n","Body":[1],"Cas":null}""")]
    [InlineData("""{"type":"config.delete.v1","Kind":"k","Name":"n","Cas":"seven"}""")]
    public void Decode_MalformedJson_ThrowsCorruptCommand(string json)
    {
        Assert.Throws<CorruptCommandException>(() => CommandCodec.Decode(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Decode_GarbageBytes_ThrowsCorruptCommand()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);

            Assert.Throws<CorruptCommandException>(() => CommandCodec.Decode(bytes));
        }
    }

    [Fact]
    public void Decode_TruncatedEntry_ThrowsCorruptCommand()
    {
        var bytes = CommandCodec.Encode(Samples["catalog.register.v1"]);

        for (var length = 0; length < bytes.Length; length += 7)
        {
            Assert.Throws<CorruptCommandException>(() => CommandCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    private static Dictionary<string, Type> RegisteredTags() =>
        typeof(Command).GetCustomAttributes<JsonDerivedTypeAttribute>().ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType);
}
