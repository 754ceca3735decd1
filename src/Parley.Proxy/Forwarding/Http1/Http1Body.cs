using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// Relays one message body from a pipe to a pipe unchanged, following its framing to know where it ends: exactly
/// <c>Content-Length</c> bytes, chunks up to the last one and its trailers, or everything until the sender closes.
/// Each read is written and flushed before the next, so the receiver's backpressure holds the sender back and nothing
/// is buffered beyond the pipes' own limits.
/// </summary>
/// <remarks>
/// Whatever the caller wrote to the destination before (a head) goes out with the first flush, so a head and a body
/// that is already received leave in one write. Read errors are the source's, write errors the destination's.
/// </remarks>
internal static class Http1Body
{
    /// <summary>
    /// Relays the body; on <see cref="BodyKind.None"/> it only flushes. <paramref name="watcher"/> hears of every read and flush.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<BodyResult> CopyAsync(
        PipeReader source, PipeWriter destination, BodyKind kind, long length, IBodyWatcher? watcher, CancellationToken cancellationToken)
    {
        var remaining = kind == BodyKind.ContentLength ? length : long.MaxValue;
        var chunked = default(ChunkedScanner);
        if (kind == BodyKind.None || remaining == 0)
        {
            return await FlushAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var (read, result) = await ReadAsync(source, watcher, cancellationToken).ConfigureAwait(false);
            if (result != BodyResult.Complete)
            {
                return result;
            }

            var buffer = read.Buffer;
            var take = Take(buffer, kind, ref remaining, ref chunked);
            watcher?.Received(Math.Max(take, 0));
            if (take < 0)
            {
                source.AdvanceTo(buffer.Start);
                return BodyResult.Malformed;
            }

            var slice = buffer.Slice(0, take);
            foreach (var segment in slice)
            {
                destination.Write(segment.Span);
            }

            // Only what was taken is examined: a pipelined request behind the body must be read at once, not waited for.
            source.AdvanceTo(slice.End);
            var done = kind switch
            {
                BodyKind.ContentLength => remaining == 0,
                BodyKind.Chunked => chunked.Done,
                _ => read.IsCompleted && take == buffer.Length,
            };
            var flushed = await FlushAsync(destination, cancellationToken).ConfigureAwait(false);
            if (flushed == BodyResult.Complete)
            {
                watcher?.Flushed();
            }

            if (flushed != BodyResult.Complete || done)
            {
                return flushed;
            }

            if (read.IsCompleted && take == buffer.Length)
            {
                return BodyResult.SourceFailed;
            }
        }
    }

    /// <summary>
    /// Reads the body and drops it, following its framing; false when it fails, breaks its framing or runs past
    /// <paramref name="limit"/> bytes (the connection is then out of step and must close).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> SkipAsync(
        PipeReader source, BodyKind kind, long length, long limit, IBodyWatcher? watcher, CancellationToken cancellationToken)
    {
        var remaining = kind == BodyKind.ContentLength ? length : long.MaxValue;
        var chunked = default(ChunkedScanner);
        long skipped = 0;
        while (remaining > 0 && !chunked.Done)
        {
            var (read, result) = await ReadAsync(source, watcher, cancellationToken).ConfigureAwait(false);
            if (result != BodyResult.Complete)
            {
                return false;
            }

            var buffer = read.Buffer;
            var take = Take(buffer, kind, ref remaining, ref chunked);
            watcher?.Received(Math.Max(take, 0));
            skipped += Math.Max(take, 0);
            source.AdvanceTo(take < 0 ? buffer.Start : buffer.GetPosition(take));
            if (take < 0 || skipped > limit || (read.IsCompleted && take == buffer.Length && remaining > 0 && !chunked.Done))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for the exceptions a connection's pipe or stream throws when its peer goes or misbehaves.</summary>
    public static bool IsConnectionError(Exception e) =>
        e is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException or InvalidOperationException
            or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException;

    // How many bytes of `buffer` belong to the body; -1 when it broke its framing.
    private static long Take(ReadOnlySequence<byte> buffer, BodyKind kind, ref long remaining, ref ChunkedScanner chunked)
    {
        switch (kind)
        {
            case BodyKind.ContentLength:
                var take = Math.Min(remaining, buffer.Length);
                remaining -= take;
                return take;
            case BodyKind.Chunked:
                long taken = 0;
                foreach (var segment in buffer)
                {
                    var scanned = chunked.Scan(segment.Span);
                    taken += scanned;
                    if (chunked.Malformed)
                    {
                        return -1;
                    }

                    if (chunked.Done || scanned < segment.Length)
                    {
                        break;
                    }
                }

                return taken;
            default:
                return buffer.Length;
        }
    }

    // One read of the body's sender; a failed or cancelled read is the sender's failure.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(ReadResult Read, BodyResult Result)> ReadAsync(
        PipeReader source, IBodyWatcher? watcher, CancellationToken cancellationToken)
    {
        ReadResult read;
        watcher?.Reading();
        try
        {
            read = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            watcher?.Received(0);
            return (default, BodyResult.SourceFailed);
        }
        catch (OperationCanceledException)
        {
            watcher?.Received(0);
            throw;
        }

        if (read.IsCanceled)
        {
            watcher?.Received(0);
            source.AdvanceTo(read.Buffer.Start);
            return (read, BodyResult.SourceFailed);
        }

        return (read, BodyResult.Complete);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<BodyResult> FlushAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        try
        {
            var flushed = await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return flushed.IsCompleted || flushed.IsCanceled ? BodyResult.DestinationFailed : BodyResult.Complete;
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            return BodyResult.DestinationFailed;
        }
    }
}
