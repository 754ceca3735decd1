using System.Runtime.CompilerServices;
using Parley.Core.ConfigEntries;

namespace Parley.Proxy.Forwarding.Http1;

/// <content>
/// Forwarding one request on one upstream connection: the head built in <see cref="RequestHead"/>, the body streamed
/// while the answer is awaited (a server may answer before it has read everything), interim 1xx answers relayed, a
/// retriable status held back, then the answer's head (with the route's changes) and body relayed.
/// </content>
internal sealed partial class Http1Session
{
    /// <summary>
    /// Sends the request on <paramref name="upstream"/> and relays the answer. The connection is left open when it may
    /// carry another request (the caller pools it) and closed otherwise.
    /// </summary>
    /// <param name="upstream">An open connection to the chosen endpoint.</param>
    /// <param name="target">The request target to send, or null for the received one.</param>
    /// <param name="retriableStatuses">Statuses to hold back for a retry (only for requests without a body).</param>
    /// <param name="responseModifiers">Header changes for the answer.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ExchangeOutcome> ForwardAsync(
        UpstreamConnection upstream, string? target, IReadOnlyList<int> retriableStatuses,
            IReadOnlyList<HttpHeaderModifiers> responseModifiers)
    {
        var cancellationToken = _timer.Token;
        var kind = RequestBody;
        Task<BodyResult>? sending = null;
        var responding = false;
        try
        {
            RequestHead.WriteRequest(upstream.Output, target);
            if (kind == BodyKind.None)
            {
                if (await Http1Body.CopyAsync(Input, upstream.Output, kind, 0, null, cancellationToken)
                    .ConfigureAwait(false) != BodyResult.Complete)
                {
                    return Unanswered(upstream, kind);
                }
            }
            else
            {
                _bodyStarted = true;
                _bodyRate.Begin();
                sending = SendBodyAsync(upstream, kind, cancellationToken);
            }

            if (!await ReadResponseHeadAsync(upstream, cancellationToken).ConfigureAwait(false))
            {
                return Unanswered(upstream, kind);
            }

            if (retriableStatuses.Contains(Response.Status))
            {
                upstream.Abort();
                return ExchangeOutcome.RetryStatus;
            }

            // Answering before the request body is through leaves the client connection out of step: it closes after.
            var bodyUnfinished = sending is not null && sending is not { IsCompletedSuccessfully: true, Result: BodyResult.Complete };
            var responseBody = ResponseBody();
            var close = Request.ConnectionClose || _draining || bodyUnfinished || responseBody == BodyKind.UntilClose;
            ResponseHead.Begin(Response);
            ResponseHead.Apply(responseModifiers);
            ResponseHead.WriteResponse(Output, close);
            responding = true;
            var relayed = await Http1Body.CopyAsync(
                upstream.Input, Output, responseBody, Response.ContentLength, _activityTimeout is null ? null : _responseActivity,
                    cancellationToken).ConfigureAwait(false);
            var reusable = relayed == BodyResult.Complete && responseBody != BodyKind.UntilClose && !Response.ConnectionClose &&
                (!Response.Http10 || Response.ConnectionKeepAlive);
            if (sending is not null && (!sending.IsCompleted || await sending.ConfigureAwait(false) != BodyResult.Complete))
            {
                reusable = false;
                close = true;
            }

            if (!reusable)
            {
                upstream.Abort();
            }

            return relayed == BodyResult.Complete && !close ? ExchangeOutcome.KeepAlive : ExchangeOutcome.Close;
        }
        catch (Exception e) when (e is OperationCanceledException || Http1Body.IsConnectionError(e))
        {
            upstream.Abort();
            if (responding || _connection.ConnectionClosed.IsCancellationRequested)
            {
                return ExchangeOutcome.Close;
            }

            return e is OperationCanceledException ? ExchangeOutcome.TimedOut : Unanswered(upstream, kind);
        }
        finally
        {
            if (sending is { IsCompleted: false })
            {
                // The answer ended (or failed) before the request body did: stop reading it; the connection will close.
                upstream.Abort();
                Input.CancelPendingRead();
                await sending.ConfigureAwait(false);
            }
        }
    }

    // Failed before any answer: a pooled connection the server had closed can be replaced when nothing was consumed.
    private static ExchangeOutcome Unanswered(UpstreamConnection upstream, BodyKind kind)
    {
        upstream.Abort();
        return upstream.Reused && kind == BodyKind.None ? ExchangeOutcome.Stale : ExchangeOutcome.Failed;
    }

    private async Task<BodyResult> SendBodyAsync(UpstreamConnection upstream, BodyKind kind, CancellationToken cancellationToken)
    {
        BodyResult result;
        try
        {
            result = await Http1Body.CopyAsync(Input, upstream.Output, kind, Request.ContentLength, this, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = BodyResult.SourceFailed;
        }

        if (result != BodyResult.Complete)
        {
            // Whatever the server makes of half a body, this exchange is over: the pending read of its answer fails.
            upstream.Abort();
        }

        return result;
    }

    // Reads the answer's head, relaying interim 1xx answers (100 Continue) as they come; false when the server closed,
    // failed or sent something that is not HTTP/1.x.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadResponseHeadAsync(UpstreamConnection upstream, CancellationToken cancellationToken)
    {
        var input = upstream.Input;
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var status = Response.ReadResponse(buffer);
            if (status == HeadStatus.Incomplete && !read.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            if (status != HeadStatus.Complete || Response.Status == 101)
            {
                // Upgrades are Kestrel's (requests asking for one never come this way), so a 101 is as wrong as garbage.
                input.AdvanceTo(buffer.End);
                return false;
            }

            input.AdvanceTo(buffer.GetPosition(Response.Length));
            Touch();
            if (Response.Status >= 200)
            {
                return true;
            }

            ResponseHead.Begin(Response);
            ResponseHead.WriteResponse(Output, close: false);
            await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private BodyKind ResponseBody() =>
        Request.IsHead || Response.Status is 204 or 304 ? BodyKind.None
        : Response.Chunked ? BodyKind.Chunked
        : Response.HasTransferEncoding ? BodyKind.UntilClose
        : Response.ContentLength >= 0 ? (Response.ContentLength == 0 ? BodyKind.None : BodyKind.ContentLength)
        : BodyKind.UntilClose;

    // The answer's body moving counts as activity (its reads are the upstream's, not the client's: no data rate).
    private sealed class ResponseActivity(Http1Session session) : IBodyWatcher
    {
        public void Reading()
        {
        }

        public void Received(long bytes)
        {
        }

        public void Flushed() => session.Touch();
    }
}
