using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Parley.Proxy.Forwarding;

/// <summary>
/// Lets a cleartext listener serve HTTP/1.1 and HTTP/2 (prior knowledge) side by side, as Envoy's <c>AUTO</c> codec
/// does on Consul's upstream listeners: it peeks at the first bytes, and when they are the HTTP/2 connection preface it
/// tells Kestrel that <c>h2</c> was negotiated (Kestrel otherwise picks HTTP/1.1 on a cleartext endpoint that allows
/// both). Nothing is consumed; Kestrel reads the same bytes.
/// </summary>
internal static class Http2PrefaceSniffer
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>Peeks at the connection and marks it HTTP/2 when it starts with the preface.</summary>
    public static async Task MarkAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var buffer = result.Buffer;
            var decided = buffer.Length >= Preface.Length || result.IsCompleted || !StartsLikePreface(buffer);
            if (!decided)
            {
                // Nothing consumed, everything examined: the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var http2 = buffer.Length >= Preface.Length && StartsLikePreface(buffer);
            input.AdvanceTo(buffer.Start);
            if (http2)
            {
                connection.Features.Set<ITlsConnectionFeature>(new PriorKnowledge());
                connection.Features.Set<ITlsApplicationProtocolFeature>(new PriorKnowledge());
            }

            return;
        }
    }

    /// <summary>True when the connection speaks HTTP/2: marked so by <see cref="MarkAsync"/>, or <c>h2</c> negotiated by ALPN.</summary>
    public static bool IsHttp2(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol.Span.SequenceEqual("h2"u8) == true;
    }

    private static bool StartsLikePreface(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[length];
        buffer.Slice(0, length).CopyTo(head);
        return head.SequenceEqual(Preface.AsSpan(0, length));
    }

    // Kestrel chooses HTTP/2 when a TLS feature reports "h2"; this one reports it for a cleartext connection.
    private sealed class PriorKnowledge : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

        public Task<System.Security.Cryptography.X509Certificates.X509Certificate2?> GetClientCertificateAsync(
            CancellationToken cancellationToken) =>
            Task.FromResult<System.Security.Cryptography.X509Certificates.X509Certificate2?>(null);
    }
}
