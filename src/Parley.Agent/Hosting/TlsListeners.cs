using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Parley.Agent.Configuration;
using Parley.Consensus;
using Parley.Mesh.Ca;

namespace Parley.Agent.Hosting;

/// <summary>
/// The agent's <c>tls</c> sections turned into what each listener takes: the server port's <see cref="ServerPortTls"/>,
/// the HTTPS listener, and the certificate the gRPC TLS listener presents. The files were checked when the
/// configuration was loaded (<see cref="ConfigLoader"/>); here they are read once more for use.
/// </summary>
internal static class TlsListeners
{
    /// <summary>TLS on the server port, or null when <c>tls.internal_rpc</c> (with defaults) asks for none.</summary>
    public static ServerPortTls? InternalRpc(AgentConfig config)
    {
        var material = TlsMaterial.Load(config.Tls.EffectiveInternalRpc, "tls.internal_rpc", _ => "");
        if (material.Certificate is null && !material.VerifyOutgoing && !material.VerifyIncoming)
        {
            return null;
        }

        return new ServerPortTls
        {
            Certificate = material.Certificate,
            TrustedRoots = material.Roots,
            VerifyIncoming = material.VerifyIncoming,
            VerifyOutgoing = material.VerifyOutgoing,
            ServerName = material.VerifyServerHostname ? $"server.{config.Datacenter}.{config.Domain}" : null,
            Protocols = material.Protocols,
        };
    }

    /// <summary>
    /// The HTTPS listener on <c>ports.https</c>: the same API and UI as HTTP, with the <c>tls.https</c> certificate, and
    /// with <c>verify_incoming</c> only clients whose certificate chains to its CA get past the handshake.
    /// </summary>
    public static void ListenHttps(KestrelServerOptions kestrel, AgentConfig config)
    {
        var material = TlsMaterial.Load(config.Tls.EffectiveHttps, "tls.https", _ => "");
        kestrel.Listen(Endpoints.Parse(config.ClientAddr, config.Ports.Https), o =>
        {
            o.Protocols = HttpProtocols.Http1AndHttp2;
            o.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = material.Certificate,
                SslProtocols = material.Protocols,
                ClientCertificateMode = material.VerifyIncoming
                    ? ClientCertificateMode.RequireCertificate
                    : ClientCertificateMode.NoCertificate,
                CheckCertificateRevocation = false,
                ClientCertificateValidation = (certificate, _, _) => !material.VerifyIncoming || material.IsTrusted(certificate),
            });
        });
    }

    /// <summary>
    /// The gRPC TLS listener on <c>ports.grpc_tls</c>. Each handshake chooses by SNI (<see cref="SelectGrpc"/>); with
    /// <c>tls.grpc.verify_incoming</c> every client must present a certificate chaining to the section's CA, except a
    /// peering dialer (SNI = this cluster's peering server name), which presents none and is authorised by its peering
    /// secrets instead, as Consul does. The middleware in <see cref="ParleyAgent"/> then lets such a connection reach
    /// the peer stream only, so claiming the peering name opens nothing else.
    /// </summary>
    public static void ListenGrpc(KestrelServerOptions kestrel, AgentConfig config, Func<ConnectCa> connectCa)
    {
        var material = TlsMaterial.Load(config.Tls.EffectiveGrpc, "tls.grpc", _ => "");
        kestrel.Listen(Endpoints.Parse(config.ClientAddr, config.Ports.GrpcTls), o =>
        {
            o.Protocols = HttpProtocols.Http2;
            o.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context =>
                {
                    var ca = connectCa();
                    var serverName = context.ClientHelloInfo.ServerName;
                    var verify = material.VerifyIncoming && !IsPeering(serverName, ca.PeeringServerName);
                    return ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = SelectGrpc(material.Certificate, serverName, ca.ServerCertificate),
                        EnabledSslProtocols = material.Protocols,
                        ApplicationProtocols = [SslApplicationProtocol.Http2],
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                        ClientCertificateRequired = verify,
                        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                            !verify || (certificate is not null && material.IsTrusted(
                                certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()))),
                    });
                },
            });
        });
    }

    private static bool IsPeering(string? serverName, string? peeringServerName) =>
        !string.IsNullOrEmpty(serverName) && string.Equals(serverName, peeringServerName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Which certificate the gRPC TLS listener presents: a peering dialer asks (SNI) for the peering server name, which
    /// the cluster's Connect CA certificate carries, so it gets that one and peering keeps working; any other client gets
    /// the operator's <c>tls.grpc</c> certificate when one is configured (as Consul's listener chooses by SNI).
    /// </summary>
    public static X509Certificate2? SelectGrpc(X509Certificate2? configured, string? serverName, Func<X509Certificate2?> peering) =>
        configured is not null && (
            string.IsNullOrEmpty(serverName) || configured.MatchesHostname(serverName, allowWildcards: true, allowCommonName: false))
            ? configured
            : peering();
}
