using System.IO.Pipelines;

namespace Parley.Proxy.Gateway;

/// <summary>
/// Waits for a connection's ClientHello and reads its server name while leaving every byte in the pipe, so what follows
/// (a TLS handshake, or bytes piped on unchanged) starts from the first byte.
/// </summary>
internal static class ClientHelloPeek
{
    /// <summary>Reads until the ClientHello is complete, is not one, or the connection ends.</summary>
    /// <returns>The status and, for <see cref="ClientHelloStatus.ServerName"/>, the name.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (a timeout or a closed
    /// connection).</exception>
    public static async Task<(ClientHelloStatus Status, string? ServerName)> PeekAsync(PipeReader input,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = ClientHelloReader.TryRead(buffer, out var name);
            if (status == ClientHelloStatus.Incomplete && !result.IsCompleted && !result.IsCanceled)
            {
                // Nothing consumed, everything examined: the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            input.AdvanceTo(buffer.Start);
            return status == ClientHelloStatus.Incomplete ? (ClientHelloStatus.Invalid, null) : (status, name);
        }
    }
}
