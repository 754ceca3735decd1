using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Parley.Core.Catalog;
using Parley.Core.Peering;
using Parley.Peering.Stream;
using Parley.Peering.Tests.Support;
using Parley.Peering.V1;
using Parley.State.Commands;
using Parley.Testing;

namespace Parley.Peering.Tests.Stream;

/// <summary>The common stream handler against a fake peer: Consul's protocol rules, texts and nonces.</summary>
public sealed class PeerStreamSessionTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    // On the harness's fake clock: the figures only matter relative to each other.
    private static readonly PeeringOptions HeartbeatOptions = new()
    {
        HeartbeatInterval = TimeSpan.FromSeconds(15),
        HeartbeatTimeout = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public async Task Run_Acceptor_SubscribesToServicesListAndRootsButNotServerAddresses()
    {
        await using var harness = new SessionHarness().Start();

        var requests = new[] { await harness.NextAsync(), await harness.NextAsync(), await harness.NextAsync() }.Select(m => m.Request)
            .ToList();

        Assert.Equal([ResourceUrls.ExportedService, ResourceUrls.ExportedServiceList, ResourceUrls.PeeringTrustBundle],
            requests.Select(r => r.ResourceUrl));
        Assert.All(requests, r => Assert.True(r.ResponseNonce.Length == 0 && r.Error is null && r.PeerId.Length == 0));
        Assert.Null(await harness.NothingWithinAsync(Quiet));
        Assert.True(harness.Tracker.IsConnected(SessionHarness.PeeringId));
    }

    [Fact]
    public async Task Run_Dialer_SendsOpenFirstThenSubscribesToServerAddressesToo()
    {
        var open =
            new ReplicationMessage { Open = new ReplicationMessage.Types.Open { PeerId = SessionHarness.RemoteId, StreamSecretId = "s" } };
        await using var harness = new SessionHarness(dialer: true).Start(open);

        Assert.Equal(open, await harness.NextAsync());
        var urls = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var request = (await harness.NextAsync()).Request;
            Assert.Equal(SessionHarness.RemoteId, request.PeerId);
            urls.Add(request.ResourceUrl);
        }

        Assert.Equal(ResourceUrls.All, urls);

        // The dialer counts as connected only once the acceptor answered.
        Assert.False(harness.Tracker.IsConnected(SessionHarness.PeeringId));
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedServiceList));
        await Eventually.TrueAsync(() => harness.Tracker.IsConnected(SessionHarness.PeeringId), Bound, "the dialer is connected", Ct);
    }

    [Fact]
    public async Task Export_AfterSubscription_SendsListThenServiceWithNoncesFromOne()
    {
        await using var harness = new SessionHarness();
        harness.Replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Passing));
        harness.Replicator.Apply(Catalog.Register("node-a", "secret", "secret-1", HealthStatus.Passing));
        harness.Export("web");
        harness.Start();
        await harness.SkipOpeningAsync();

        // Nothing is produced before the peer subscribes.
        Assert.Null(await harness.NothingWithinAsync(Quiet));

        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedServiceList));
        var list = (await harness.NextAsync()).Response;
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedService));
        var service = (await harness.NextAsync()).Response;

        Assert.Equal(
            ("00000001", ResourceUrls.ExportedServiceList, ResourceIds.ExportedServiceList),
            (list.Nonce, list.ResourceUrl, list.ResourceId));
        Assert.Equal(["web"], list.Resource.Unpack<ExportedServiceList>().Services);
        Assert.Equal(("00000002", ResourceUrls.ExportedService, "web"), (service.Nonce, service.ResourceUrl, service.ResourceId));
        var instance = Assert.Single(service.Resource.Unpack<ExportedService>().Nodes);
        Assert.Equal("web-1:overall-check", Assert.Single(instance.Checks).CheckId);
        Assert.Equal(["web"], harness.Tracker.Get(SessionHarness.PeeringId)!.ExportedServices);
    }

    [Fact]
    public async Task Export_UnchangedPayload_IsNotResentButAHealthChangeIs()
    {
        await using var harness = new SessionHarness();
        harness.Replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Passing));
        harness.Export("web");
        harness.Start();
        await harness.SkipOpeningAsync();
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedService));
        await harness.NextAsync();

        // Re-registering the same instance and touching an unexported service change nothing the peer sees.
        harness.Replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Passing));
        harness.Replicator.Apply(Catalog.Register("node-b", "other", "other-1", HealthStatus.Critical));
        Assert.Null(await harness.NothingWithinAsync(Quiet));

        harness.Replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Critical));
        var update = (await harness.NextAsync()).Response;
        Assert.Equal(HealthStatus.Critical, update.Resource.Unpack<ExportedService>().Nodes.Single().Checks.Single().Status);
    }

    [Fact]
    public async Task Export_ServiceNoLongerExported_ListShrinks()
    {
        await using var harness = new SessionHarness();
        harness.Replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Passing));
        harness.Export("web", "api");
        harness.Start();
        await harness.SkipOpeningAsync();
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedServiceList));
        Assert.Equal(["api", "web"], (await harness.NextAsync()).Response.Resource.Unpack<ExportedServiceList>().Services);

        harness.Export("api");

        Assert.Equal(["api"], (await harness.NextAsync()).Response.Resource.Unpack<ExportedServiceList>().Services);
    }

    [Fact]
    public async Task Export_TrustBundle_CarriesTheTrustDomainAndEveryRoot()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.PeeringTrustBundle));
        var response = (await harness.NextAsync()).Response;

        Assert.Equal(ResourceIds.Roots, response.ResourceId);
        var bundle = response.Resource.Unpack<PeeringTrustBundle>();
        Assert.Equal(harness.Ca.TrustDomain, bundle.TrustDomain);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Assert.Single(bundle.RootPems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExportedService_IsWrittenUnderTheLocalPeerNameAndAcked()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        var exported = new ExportedService();
        exported.Nodes.Add(new CheckServiceNode
        {
            Node = new V1.Node { Name = "remote-node", Address = "10.1.1.1", PeerName = "someone-else" },
            Service = new Service { Id = "api-1", Service_ = "api", Port = 9090, PeerName = "someone-else" },
            Checks =
                { new V1.HealthCheck
                {
                Node = "remote-node",
                CheckId = "api-1:overall-check",
                Name = "overall-check",
                Status = "passing",
                ServiceId = "api-1",
                } },
        });

        await harness.SendAsync(SessionHarness.Response(ResourceUrls.ExportedService, "api", "00000007", exported));
        var ack = (await harness.NextAsync()).Request;

        Assert.Equal(("00000007", ResourceUrls.ExportedService), (ack.ResponseNonce, ack.ResourceUrl));
        Assert.Null(ack.Error);
        Assert.Empty(harness.Store.Current.CheckServiceNodes("api", "someone-else"));
        var imported = Assert.Single(harness.Store.Current.CheckServiceNodes("api", SessionHarness.PeerName));
        Assert.Equal(SessionHarness.PeerName, imported.Service.PeerName);
        Assert.Equal(SessionHarness.PeerName, Assert.Single(imported.Checks).PeerName);
        Assert.Empty(harness.Store.Current.CheckServiceNodes("api"));
    }

    [Fact]
    public async Task Import_ServiceList_PrunesWhatIsNoLongerExportedAndSetsImportedServices()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        foreach (var name in new[] { "api", "db" })
        {
            var exported = new ExportedService();
            exported.Nodes.Add(new CheckServiceNode
            {
                Node = new V1.Node { Name = "n" },
                Service = new Service { Id = name + "-1", Service_ = name },
            });
            await harness.SendAsync(
                SessionHarness.Response(ResourceUrls.ExportedService, name, "0000000" + (name == "api" ? "1" : "2"), exported));
            await harness.NextAsync();
        }

        await harness.SendAsync(SessionHarness.Response(
            ResourceUrls.ExportedServiceList, ResourceIds.ExportedServiceList, "00000003",
                new ExportedServiceList { Services = { "db" } }));
        Assert.Null((await harness.NextAsync()).Request.Error);

        Assert.Equal(["db"], harness.Store.Current.ServiceNames(SessionHarness.PeerName).Keys);
        Assert.Equal(["db"], harness.Tracker.Get(SessionHarness.PeeringId)!.ImportedServices);
    }

    [Fact]
    public async Task Import_TrustBundle_IsStoredForThePeer()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        await harness.SendAsync(SessionHarness.Response(
            ResourceUrls.PeeringTrustBundle, ResourceIds.Roots, "00000001", new PeeringTrustBundle
            {
                TrustDomain = "abc.consul",
                RootPems = { "PEM" },
            }));
        await harness.NextAsync();

        var bundle = harness.Store.Current.GetTrustBundle(SessionHarness.PeerName);
        Assert.NotNull(bundle);
        Assert.Equal(("abc.consul", "PEM"), (bundle.TrustDomain, bundle.RootPEMs.Single()));
    }

    public static TheoryData<string, string, Operation, bool, int, string> BadResponses => new()
    {
        { "type.googleapis.com/x.Unknown", "00000001", Operation.Upsert, true, 3,
            "received response for unknown resource type \"type.googleapis.com/x.Unknown\"" },
        // The acceptor never subscribes to server addresses, so it refuses them.
        { ResourceUrls.PeeringServerAddresses, "00000001", Operation.Upsert, true, 3,
            $"received response for unknown resource type \"{ResourceUrls.PeeringServerAddresses}\"" },
        { ResourceUrls.ExportedService, "", Operation.Upsert, true, 3,
            $"received response without a nonce for: {ResourceUrls.ExportedService}:web" },
        { ResourceUrls.ExportedService, "00000001", Operation.Upsert, false, 3, "received upsert response with no content" },
        { ResourceUrls.ExportedService, "00000001", Operation.Unspecified, true, 3, "unsupported operation: \"OPERATION_UNSPECIFIED\"" },
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task Import_BadResponse_IsNackedWithConsulsText(
        string url,
        string nonce,
        Operation operation,
        bool withContent,
        int code,
        string message)
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        await harness.SendAsync(new ReplicationMessage
        {
            Response = new ReplicationMessage.Types.Response
            {
                ResourceUrl = url,
                ResourceId = "web",
                Nonce = nonce,
                Operation = operation,
                Resource = withContent ? Any.Pack(new ExportedService()) : null,
            },
        });
        var nack = (await harness.NextAsync()).Request;

        Assert.Equal(nonce, nack.ResponseNonce);
        Assert.Equal(code, nack.Error.Code);
        Assert.Equal(message, nack.Error.Message);
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task Import_ResourceOfAnotherType_IsNackedAsAnUpsertError()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        var response = SessionHarness.Response(ResourceUrls.ExportedService, "web", "00000009", new ExportedServiceList());

        await harness.SendAsync(response);
        var nack = (await harness.NextAsync()).Request;

        Assert.Equal(13, nack.Error.Code);
        Assert.Equal(
            $"upsert error, ResourceURL: \"{ResourceUrls.ExportedService}\", ResourceID: \"web\": " +
            $"mismatched resourceURL \"{ResourceUrls.ExportedService}\" and Any typeUrl \"{ResourceUrls.ExportedServiceList}\"",
            nack.Error.Message);
    }

    [Fact]
    public async Task Request_UnknownResourceUrl_FailsTheStream()
    {
        await using var harness = new SessionHarness().Start();

        await harness.SendAsync(SessionHarness.Subscribe("type.googleapis.com/x.Nope"));

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Run);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("subscription request to unknown resource URL: type.googleapis.com/x.Nope", error.Status.Detail);
        Assert.Equal(PeeringState.Failing, Reported(harness));
    }

    [Fact]
    public async Task Request_FirstOneWithANonce_FailsTheStream()
    {
        await using var harness = new SessionHarness().Start();

        await harness.SendAsync(new ReplicationMessage
        {
            Request = new ReplicationMessage.Types.Request { ResourceUrl = ResourceUrls.ExportedService, ResponseNonce = "00000001" },
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Run);
        Assert.Equal("initial subscription request for a resource type must not contain a nonce", error.Status.Detail);
    }

    [Fact]
    public async Task Request_Nack_IsRecordedInTheTracker()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedServiceList));

        await harness.SendAsync(new ReplicationMessage
        {
            Request = new ReplicationMessage.Types.Request
            {
                ResourceUrl = ResourceUrls.ExportedServiceList,
                ResponseNonce = "00000001",
                Error = new RpcStatus { Code = 13, Message = "disk full" },
            },
        });

        await Eventually.TrueAsync(
            () => harness.Tracker.Get(SessionHarness.PeeringId)?.LastNackMessage == "disk full", Bound, "the NACK is recorded", Ct);
    }

    [Fact]
    public async Task Terminated_FromThePeer_MarksThePeeringTerminatedAndEndsGracefully()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        await harness.SendAsync(new ReplicationMessage { Terminated = new ReplicationMessage.Types.Terminated() });
        await harness.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(PeeringState.Terminated, harness.Store.Current.GetPeeringById(SessionHarness.PeeringId)!.State);
        Assert.False(harness.Tracker.IsConnected(SessionHarness.PeeringId));
        Assert.False(harness.Host.IsStreaming(SessionHarness.PeeringId));
    }

    [Fact]
    public async Task LocalDeletion_SendsTerminatedAndEndsGracefully()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        harness.Replicator.Apply(new MarkPeeringForDeletion(SessionHarness.PeerName, DateTimeOffset.UtcNow));

        Assert.Equal(ReplicationMessage.PayloadOneofCase.Terminated, (await harness.NextAsync()).PayloadCase);
        await harness.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Null(harness.Tracker.Get(SessionHarness.PeeringId));
    }

    [Fact]
    public async Task Heartbeats_NoneFromThePeer_FailWithHeartbeatTimeout()
    {
        await using var harness = new SessionHarness(options: HeartbeatOptions).Start();

        harness.Time.Advance(HeartbeatOptions.HeartbeatTimeout);

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Run.WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal("heartbeat timeout", error.Status.Detail);
        Assert.Equal("heartbeat timeout", harness.Tracker.Get(SessionHarness.PeeringId)!.DisconnectError);
        Assert.Equal(PeeringState.Failing, Reported(harness));
    }

    [Fact]
    public async Task Heartbeats_FromThePeer_KeepTheStreamAlive()
    {
        // Three heartbeat timeouts pass in steps of 0.6 of one, a heartbeat arriving before each step. A session that
        // failed ends its reader, so the next heartbeat is never recorded and the wait below sees the run completed.
        await using var harness = new SessionHarness(options: HeartbeatOptions).Start();

        for (var i = 0; i < 5; i++)
        {
            var sent = harness.Time.GetUtcNow();
            await harness.SendAsync(new ReplicationMessage { Heartbeat = new ReplicationMessage.Types.Heartbeat() });
            await Eventually.TrueAsync(
                () => harness.Tracker.Get(SessionHarness.PeeringId)?.LastHeartbeat == sent || harness.Run.IsCompleted,
                Bound,
                "the heartbeat is recorded",
                Ct);
            Assert.False(harness.Run.IsCompleted, $"the stream had ended by {i * 0.6:0.0} heartbeat timeouts");
            harness.Time.Advance(HeartbeatOptions.HeartbeatTimeout * 0.6);
        }

        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task Heartbeats_AreSentEveryInterval()
    {
        await using var harness = new SessionHarness(options: HeartbeatOptions).Start();
        await harness.SkipOpeningAsync();

        harness.Time.Advance(HeartbeatOptions.HeartbeatInterval);

        Assert.Equal(ReplicationMessage.PayloadOneofCase.Heartbeat, (await harness.NextAsync(skipHeartbeats: false)).PayloadCase);
    }

    [Fact]
    public async Task LocalDeletion_OnTheDialer_DrainsUntilThePeerClosesOrTheDrainTimeoutPasses()
    {
        var open =
            new ReplicationMessage { Open = new ReplicationMessage.Types.Open { PeerId = SessionHarness.RemoteId, StreamSecretId = "s" } };
        await using var harness = new SessionHarness(dialer: true).Start(open);
        await harness.SkipOpeningAsync();

        harness.Replicator.Apply(new MarkPeeringForDeletion(SessionHarness.PeerName, DateTimeOffset.UtcNow));
        Assert.Equal(ReplicationMessage.PayloadOneofCase.Terminated, (await harness.NextAsync()).PayloadCase);

        // The peer never closes; the drain timeout (two seconds) runs on the session's clock, so the run ends once it
        // moves (advanced while polling: the session arms the timeout a moment after sending Terminated).
        await Eventually.TrueAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromSeconds(2));
                return harness.Run.IsCompleted;
            },
            Bound,
            "the dialer's drain ends",
            Ct);
        await harness.Run;
        Assert.Null(harness.Tracker.Get(SessionHarness.PeeringId));
    }

    [Fact]
    public async Task Run_SecondStreamForThePeering_IsRefused()
    {
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();

        var error = await Assert.ThrowsAsync<RpcException>(harness.StartAnotherAsync);

        Assert.Equal(
            $"failed to register stream: there is an active stream for the given PeerID \"{SessionHarness.PeeringId}\"",
            error.Status.Detail);
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task EndAllForLostLeadership_LiveStream_FailsWithNotLeaderAndTheLeadersAddress()
    {
        // A server that stopped leading (perhaps only for a moment) must not keep a stream its tracker no longer knows.
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        harness.Replicator.IsLeader = false;

        harness.Host.EndAllForLostLeadership();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => harness.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("node is not a leader anymore; cannot continue streaming", error.Status.Detail);
        Assert.Equal(harness.Replicator.Status.Leader, RpcErrors.LeaderAddress(error));
        Assert.False(harness.Host.IsStreaming(SessionHarness.PeeringId));
    }

    [Fact]
    public async Task Run_PeerHangsUp_FailsWithStreamEndedUnexpectedly()
    {
        await using var harness = new SessionHarness().Start();

        harness.HangUp();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => harness.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal("stream ended unexpectedly", error.Status.Detail);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PeeringState Reported(SessionHarness harness) =>
        harness.Tracker.Get(SessionHarness.PeeringId) switch
        {
            { Connected: true } => PeeringState.Active,
            { DisconnectError: not null } => PeeringState.Failing,
            _ => PeeringState.Pending,
        };
}
