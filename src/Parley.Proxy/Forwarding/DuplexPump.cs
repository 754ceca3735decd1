using System.IO.Pipelines;

namespace Parley.Proxy.Forwarding;

/// <summary>
/// Copies bytes both ways between a Kestrel connection and another stream (the local application's socket, or a
/// TLS stream to another proxy) until both directions end, passing a half-close on: when one side stops sending,
/// the other side's write direction is shut down and the copy the other way goes on.
/// </summary>
/// <remarks>An error in either direction ends both (the streams are the caller's to dispose).</remarks>
internal static class DuplexPump
{
    /// <summary>Runs both directions to their end.</summary>
    /// <param name="client">The Kestrel connection's transport.</param>
    /// <param name="upstream">The other stream.</param>
    /// <param name="shutdownUpstreamWrite">Signals end-of-stream to the other side (socket shutdown or TLS close_notify).</param>
    /// <param name="cancellationToken">Ends both directions.</param>
    public static async Task RunAsync(
        IDuplexPipe client, Stream upstream, Func<ValueTask> shutdownUpstreamWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(shutdownUpstreamWrite);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toUpstream = CopyToUpstreamAsync(client.Input, upstream, shutdownUpstreamWrite, failed);
        var toClient = CopyToClientAsync(upstream, client.Output, failed);
        await Task.WhenAll(toUpstream, toClient).ConfigureAwait(false);
    }

    private static async Task CopyToUpstreamAsync(
        PipeReader input, Stream upstream, Func<ValueTask> shutdown, CancellationTokenSource failed)
    {
        try
        {
            await input.CopyToAsync(upstream, failed.Token).ConfigureAwait(false);
            await shutdown().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            await failed.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async Task CopyToClientAsync(Stream upstream, PipeWriter output, CancellationTokenSource failed)
    {
        try
        {
            await upstream.CopyToAsync(output, failed.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            await failed.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
