using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Mesh;
using Parley.Peering.V1;

namespace Parley.Peering.Tests;

/// <summary>The peer stream's TLS as a dialer sees it: a real Kestrel listener with a CA-issued server certificate.</summary>
public sealed class PeerStreamTlsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // The certificates are checked against this fake clock; the TLS stack itself does not look at validity.
    private readonly FakeTimeProvider _clock = new(Now);
    private CertificateAuthority _acceptorCa = null!;
    private X509Certificate2 _serverCertificate = null!;
    private TlsPeerServer _server = null!;

    private string ServerName => MeshNames.PeeringServerName("dc1", _acceptorCa.TrustDomain);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(20);

    public async ValueTask InitializeAsync()
    {
        _acceptorCa = CertificateAuthority.Generate(new CertificateAuthorityOptions { ClusterId = Guid.NewGuid().ToString() }, _clock);
        _serverCertificate = _acceptorCa.IssueServerCertificate("dc1").ToX509Certificate2();
        _server = await TlsPeerServer.StartAsync(_serverCertificate, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _serverCertificate.Dispose();
        _acceptorCa.Dispose();
    }

    [Fact]
    public async Task ExchangeSecret_HttpClientHandlerWithValidator_Succeeds()
    {
        using var validator = new PeerCertificateValidator([_acceptorCa.Root.RootCert], ServerName, _clock);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = validator.ValidateServerCertificate };
        using var channel = GrpcChannel.ForAddress($"https://{_server.Address}", new GrpcChannelOptions { HttpHandler = handler });
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        var response = await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "peer-1", EstablishmentSecret = "s3cret" }, deadline: Deadline, cancellationToken: Ct);

        Assert.Equal("stream-for-peer-1", response.StreamSecret);
    }

    [Fact]
    public async Task ExchangeSecret_PeerChannelFactory_SucceedsAndSendsServerNameAsSni()
    {
        using var validator = new PeerCertificateValidator([_acceptorCa.Root.RootCert], ServerName, _clock);
        using var channel = PeerChannelFactory.Create(_server.Address, validator);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        var response = await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "peer-2", EstablishmentSecret = "s3cret" }, deadline: Deadline, cancellationToken: Ct);

        Assert.Equal("stream-for-peer-2", response.StreamSecret);
        Assert.Equal(ServerName, _server.LastSni());
    }

    [Fact]
    public async Task ExchangeSecret_WrongSecret_SurfacesPermissionDenied()
    {
        using var validator = new PeerCertificateValidator([_acceptorCa.Root.RootCert], ServerName, _clock);
        using var channel = PeerChannelFactory.Create(_server.Address, validator);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "p", EstablishmentSecret = "old" }, deadline: Deadline, cancellationToken: Ct));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("invalid peering establishment secret", e.Status.Detail);
    }

    [Fact]
    public async Task ExchangeSecret_WrongExpectedServerName_FailsBeforeReachingTheService()
    {
        using var validator = new PeerCertificateValidator(
            [_acceptorCa.Root.RootCert], MeshNames.PeeringServerName("dc2", _acceptorCa.TrustDomain), _clock);
        using var channel = PeerChannelFactory.Create(_server.Address, validator);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "p", EstablishmentSecret = "s3cret" }, deadline: Deadline, cancellationToken: Ct));

        AssertTlsRejected(e);
        Assert.Equal(0, _server.Calls.Count);
    }

    [Fact]
    public async Task ExchangeSecret_WrongCa_FailsBeforeReachingTheService()
    {
        using var otherCa = CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = Guid.NewGuid().ToString() }, _clock);
        using var validator = new PeerCertificateValidator([otherCa.Root.RootCert], ServerName, _clock);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = validator.ValidateServerCertificate };
        using var channel = GrpcChannel.ForAddress($"https://{_server.Address}", new GrpcChannelOptions { HttpHandler = handler });
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "p", EstablishmentSecret = "s3cret" }, deadline: Deadline, cancellationToken: Ct));

        AssertTlsRejected(e);
        Assert.Equal(0, _server.Calls.Count);
    }

    [Fact]
    public async Task ExchangeSecret_ServerCertificateExpiredOnTheDialersClock_Fails()
    {
        using var validator = new PeerCertificateValidator([_acceptorCa.Root.RootCert], ServerName, _clock);
        using var channel = PeerChannelFactory.Create(_server.Address, validator);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);
        _clock.Advance(TimeSpan.FromDays(4));

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.ExchangeSecretAsync(
            new ExchangeSecretRequest { PeerId = "p", EstablishmentSecret = "s3cret" }, deadline: Deadline, cancellationToken: Ct));

        AssertTlsRejected(e);
        Assert.Equal(0, _server.Calls.Count);
    }

    // The handshake fails on the dialer's side: gRPC reports the AuthenticationException from our callback.
    private static void AssertTlsRejected(RpcException e)
    {
        Exception? inner = e.Status.DebugException;
        while (inner is not null and not AuthenticationException)
        {
            inner = inner.InnerException;
        }

        Assert.IsType<AuthenticationException>(inner);
    }

    [Fact]
    public async Task StreamResources_OverTls_CarriesHeartbeatsBothWays()
    {
        using var validator = new PeerCertificateValidator([_acceptorCa.Root.RootCert], ServerName, _clock);
        using var channel = PeerChannelFactory.Create(_server.Address, validator);
        var client = new PeerStreamService.PeerStreamServiceClient(channel);

        using var call = client.StreamResources(deadline: Deadline, cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new ReplicationMessage { Heartbeat = new() }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(ReplicationMessage.PayloadOneofCase.Heartbeat, call.ResponseStream.Current.PayloadCase);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
    }
}
