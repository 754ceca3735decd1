using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// A mesh TLS server that answers each connection with the SPIFFE ID of the client certificate it verified, then
/// closes: what the far end of a pass-through sees.
/// </summary>
internal sealed class TlsIdentityServer : LoopbackServer
{
    private readonly LeafCertificate _leaf;
    private readonly TrustStore _trust;

    public TlsIdentityServer(LeafCertificate leaf, TrustStore trust)
    {
        _leaf = leaf;
        _trust = trust;
        Start();
    }

    protected override async Task ServeAsync(Socket socket)
    {
        PeerIdentity? peer = null;
        try
        {
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            var options = MeshTls.ServerOptions(_leaf, _trust, TimeProvider.System, identity => peer = identity, _ => { });
            await tls.AuthenticateAsServerAsync(options, Stopping);
            await tls.WriteAsync(Encoding.UTF8.GetBytes(peer!.Id.Uri + "\n"), Stopping);
            await tls.ShutdownAsync();
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // A refused or abandoned handshake.
        }
    }
}
