using System.Text.Json.Nodes;
using CsCheck;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Tests.ConfigEntries;

public sealed class ConfigEntryCodecPropertyTests
{
    private static readonly Gen<string> Word = Gen.OneOf("", "web", "api", "v1", "cluster-02", "dc2", "*", "Web Svc", "ümlaut");

    private static readonly Gen<TimeSpan> Duration =
        Gen.OneOf(TimeSpan.Zero, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(1500), TimeSpan.FromHours(1), TimeSpan.FromTicks(7));

    private static readonly Gen<IReadOnlyDictionary<string, string>> Meta =
        Gen.Select(Word, Word).Array[0, 3].Select(pairs =>
            (IReadOnlyDictionary<string, string>)pairs.Where(p => p.Item1.Length > 0).DistinctBy(p => p.Item1)
                .ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<ServiceResolverFailoverTarget> Target =
        Gen.Select(Word, Word, Word, Word).Select((service, subset, dc, peer) =>
            new ServiceResolverFailoverTarget { Service = service, ServiceSubset = subset, Datacenter = dc, Peer = peer });

    private static readonly Gen<ConfigEntry> Resolver =
        Gen.Select(Word, Word, Duration, Duration, Target.Array[0, 3], Word.Array[0, 2], Meta)
            .Select((name, redirect, connect, request, targets, dcs, meta) => (ConfigEntry)new ServiceResolverConfigEntry
            {
                Name = name,
                Redirect = redirect.Length == 0 ? null : new ServiceResolverRedirect { Service = redirect, Peer = redirect },
                Failover = targets.Length == 0
                    ? new Dictionary<string, ServiceResolverFailover>()
                    : new Dictionary<string, ServiceResolverFailover> { ["*"] = new() { Targets = targets, Datacenters = dcs } },
                Subsets =
                    new Dictionary<string, ServiceResolverSubset> { ["v1"] = new() { Filter = name, OnlyPassing = connect > request } },
                ConnectTimeout = connect,
                RequestTimeout = request,
                Meta = meta,
            });

    private static readonly Gen<ConfigEntry> Splitter =
        Gen.Select(Word, Gen.Select(Gen.Int[0, 10000], Word, Word).Array[0, 4], Meta)
            .Select((name, splits, meta) => (ConfigEntry)new ServiceSplitterConfigEntry
            {
                Name = name,
                Splits = splits.Select(s => new ServiceSplit
                {
                    Weight = s.Item1 / 100f,
                    Service = s.Item2,
                    ServiceSubset = s.Item3,
                }).ToList(),
                Meta = meta,
            });

    private static readonly Gen<ConfigEntry> Intentions =
        Gen.Select(Word, Gen.Select(Word, Word, Gen.OneOf("allow", "deny", ""), Gen.Int[0, 9], Word).Array[0, 4])
            .Select((name, sources) => (ConfigEntry)new ServiceIntentionsConfigEntry
            {
                Name = name,
                Sources = sources.Select(s => new SourceIntention
                {
                    Name = s.Item1,
                    Peer = s.Item2,
                    Action = s.Item3,
                    Precedence = s.Item4,
                    Type = "consul",
                    Description = s.Item5,
                    Permissions = s.Item3.Length > 0
                        ? []
                        : [new IntentionPermission
                        {
                            Action = "deny",
                            Http = new IntentionHttpPermission { PathPrefix = "/" + s.Item5, Methods = ["GET"] },
                        }],
                }).ToList(),
            });

    private static readonly Gen<ConfigEntry> Exports =
        Gen.Select(Word, Word.Array[0, 3]).Array[0, 3].Select(services => (ConfigEntry)new ExportedServicesConfigEntry
        {
            Name = "default",
            Services = services.Select(s => new ExportedService
            {
                Name = s.Item1,
                Consumers = s.Item2.Select(p => new ServiceConsumer { Peer = p }).ToList(),
            }).ToList(),
        });

    private static readonly Gen<ConfigEntry> Defaults =
        Gen.Select(Word, Gen.OneOf("", "http", "tcp", "grpc"), Gen.OneOf("", "local", "remote"), Gen.Int[0, 3])
            .Select((name, protocol, mode, port) => (ConfigEntry)new ServiceDefaultsConfigEntry
            {
                Name = name,
                Protocol = protocol,
                MeshGateway = new MeshGatewayConfig { Mode = mode },
                TransparentProxy = new TransparentProxyConfig { OutboundListenerPort = port },
                UpstreamConfig = port == 0 ? null : new UpstreamConfiguration
                {
                    Overrides = [new UpstreamConfig
                    {
                        Name = name,
                        Peer = mode,
                        ConnectTimeoutMs = port,
                        Limits = new UpstreamLimits { MaxConnections = port - 1 },
                    }],
                },
            });

    private static readonly Gen<ConfigEntry> AnyEntry = Gen.OneOf(Resolver, Splitter, Intentions, Exports, Defaults);

    [Fact]
    public void DecodeEncode_AnyEncodedEntry_EncodesIdentically()
    {
        AnyEntry.Sample(
            entry =>
            {
                var first = ConfigEntryCodec.Encode(entry).ToJsonString();
                var decoded = ConfigEntryCodec.Decode((JsonObject)JsonNode.Parse(first)!);
                var second = ConfigEntryCodec.Encode(decoded).ToJsonString();
                Assert.Equal(first, second);
            },
            iter: 2000,
            print: e => ConfigEntryCodec.Encode(e).ToJsonString());
    }

    [Fact]
    public void Normalize_IsIdempotent()
    {
        AnyEntry.Sample(
            entry =>
            {
                var once = ConfigEntryNormalizer.Normalize(entry);
                var twice = ConfigEntryNormalizer.Normalize(once);
                Assert.True(ConfigEntryCodec.ContentEquals(once, twice));
            },
            iter: 2000,
            print: e => ConfigEntryCodec.Encode(e).ToJsonString());
    }

    [Fact]
    public void Decode_MutatedEntries_ThrowOnlyDecodeExceptions()
    {
        var keys = Gen.OneOf("Name", "Splits", "Failover", "Redirect", "Sources", "Weight", "Peer", "x", "ConnectTimeout", "Targets");
        var values = Gen.OneOf<JsonNode?>(
            JsonValue.Create("s"), JsonValue.Create(3), JsonValue.Create(true), null, new JsonArray(), new JsonObject(),
            new JsonArray(JsonValue.Create(1), new JsonObject()), JsonValue.Create(-1.5));
        Gen.Select(AnyEntry, keys, values).Sample(
            (entry, key, value) =>
            {
                var json = ConfigEntryCodec.Encode(entry);
                json[key] = value?.DeepClone();
                if (json["Splits"] is JsonArray { Count: > 0 } splits && splits[0] is JsonObject split)
                {
                    split[key] = value?.DeepClone();
                }

                try
                {
                    ConfigEntryCodec.Decode(json);
                }
                catch (ConfigEntryDecodeException)
                {
                    // The only failure a caller has to handle.
                }
            },
            iter: 3000);
    }
}
