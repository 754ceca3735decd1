using System.Text.Json.Nodes;
using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Mesh;
using Parley.Mesh.Ca;
using Parley.Peering.Stream;
using Parley.Peering.Tests.Support;
using Parley.Peering.Tracking;
using Parley.Peering.V1;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Tests.Stream;

/// <summary>
/// One session against a fake peer on in-memory channels, over a real state machine: the test plays the peer by
/// writing what it would send and reading what the session sends back. The session's clock is <see cref="Time"/>, a
/// fake one: heartbeats, the heartbeat timeout and the flush and drain deadlines move only when a test advances it.
/// </summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    public const string PeeringId = "11111111-2222-3333-4444-555555555555";
    public const string RemoteId = "99999999-8888-7777-6666-555555555555";
    public const string PeerName = "peer-one";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<ReplicationMessage> _toSession = Channel.CreateUnbounded<ReplicationMessage>();
    private readonly Channel<ReplicationMessage> _fromSession = Channel.CreateUnbounded<ReplicationMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly CertificateAuthority _authority;

    public SessionHarness(bool dialer = false, PeeringOptions? options = null)
    {
        Store = new StateStore();
        Replicator = new InMemoryReplicator(Store);
        Tracker = new PeeringStreamTracker(Time);
        Options = options ?? new PeeringOptions();
        _authority = CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = Guid.NewGuid().ToString() },
            TimeProvider.System);
        Replicator.Apply(new SetSystemValue(ConnectCa.StateKey, ConnectCa.ToState(_authority.Root)));
        Ca = new ConnectCa(Store, TimeProvider.System, "dc1");
        Host = new PeerStreamHost(
            Replicator, Store, Ca, Tracker, new OptionsWrapper<PeeringOptions>(Options), Time, NullLoggerFactory.Instance);
        IsDialer = dialer;
        Replicator.Apply(new WritePeering(dialer
            ? new State.Peering.PeeringRecord
            {
                ID = PeeringId,
                Name = PeerName,
                PeerID = RemoteId,
                PeerServerAddresses = ["127.0.0.1:8503"],
            }
            : new State.Peering.PeeringRecord { ID = PeeringId, Name = PeerName }));
    }

    /// <summary>The clock of the session and the tracker; the CA keeps the real one (its certificates must be valid now).</summary>
    public FakeTimeProvider Time { get; } = new();

    public StateStore Store { get; }

    public InMemoryReplicator Replicator { get; }

    public PeeringStreamTracker Tracker { get; }

    public PeeringOptions Options { get; }

    public ConnectCa Ca { get; }

    public PeerStreamHost Host { get; }

    public bool IsDialer { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    public static ReplicationMessage Subscribe(string url) =>
        new() { Request = new ReplicationMessage.Types.Request { ResourceUrl = url } };

    public static ReplicationMessage Response(string url, string id, string nonce, IMessage resource) =>
        new()
        {
            Response = new ReplicationMessage.Types.Response
            {
                ResourceUrl = url,
                ResourceId = id,
                Nonce = nonce,
                Resource = Any.Pack(resource),
                Operation = Operation.Upsert,
            },
        };

    /// <summary>Starts the session (the peer's side is the test).</summary>
    public SessionHarness Start(ReplicationMessage? open = null)
    {
        var session = Host.CreateSession(
            PeeringId,
            PeerName,
            IsDialer ? RemoteId : "",
            new ChannelStreamReader(_toSession.Reader),
            new ChannelStreamWriter(_fromSession.Writer),
            IsDialer ? () => Task.CompletedTask : null,
            open);
        Run = session.RunAsync(_stop.Token);
        return this;
    }

    /// <summary>A second session for the same peering, as a second dialer connection would make.</summary>
    public Task StartAnotherAsync() =>
        Host.CreateSession(
            PeeringId, PeerName, "", new ChannelStreamReader(Channel.CreateUnbounded<ReplicationMessage>().Reader),
            new ChannelStreamWriter(Channel.CreateUnbounded<ReplicationMessage>().Writer), null, null).RunAsync(_stop.Token);

    public ValueTask SendAsync(ReplicationMessage message) => _toSession.Writer.WriteAsync(message);

    /// <summary>Messages sent to the session that its reader has not taken yet.</summary>
    public int Unread => _toSession.Reader.Count;

    /// <summary>The peer hangs up.</summary>
    public void HangUp() => _toSession.Writer.TryComplete();

    /// <summary>The next message the session sent, skipping heartbeats unless told otherwise.</summary>
    public async Task<ReplicationMessage> NextAsync(bool skipHeartbeats = true)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadTimeout);
        while (true)
        {
            var message = await _fromSession.Reader.ReadAsync(timeout.Token);
            if (!skipHeartbeats || message.PayloadCase != ReplicationMessage.PayloadOneofCase.Heartbeat)
            {
                return message;
            }
        }
    }

    /// <summary>Reads past the session's opening messages (Open and its subscriptions).</summary>
    public async Task SkipOpeningAsync()
    {
        var count = (IsDialer ? 5 : 3);
        for (var i = 0; i < count; i++)
        {
            await NextAsync();
        }
    }

    /// <summary>True when nothing but heartbeats arrives within <paramref name="wait"/>.</summary>
    public async Task<ReplicationMessage?> NothingWithinAsync(TimeSpan wait)
    {
        await Task.Delay(wait, TestContext.Current.CancellationToken);
        while (_fromSession.Reader.TryRead(out var message))
        {
            if (message.PayloadCase != ReplicationMessage.PayloadOneofCase.Heartbeat)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Writes the exported-services entry granting <paramref name="services"/> to <see cref="PeerName"/>.</summary>
    public void Export(params string[] services) =>
        Replicator.Apply(new SetConfigEntry("exported-services", "default", new JsonObject
        {
            ["Kind"] = "exported-services",
            ["Name"] = "default",
            ["Services"] = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject
            {
                ["Name"] = s,
                ["Consumers"] = new JsonArray(new JsonObject { ["Peer"] = PeerName }),
            })]),
        }));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run;
        }
        catch (Exception)
        {
            // Each test asserts on Run itself when it cares how the session ended.
        }

        _stop.Dispose();
        Ca.Dispose();
        _authority.Dispose();
    }
}
