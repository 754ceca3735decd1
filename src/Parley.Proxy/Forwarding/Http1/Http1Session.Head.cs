using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Parley.Proxy.Forwarding.Http1;

/// <content>Reading the next request head, within the keep-alive and head timeouts.</content>
internal sealed partial class Http1Session
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HeadStatus> ReadHeadAsync()
    {
        _timer.CancelAfter(Http1Limits.KeepAliveTimeout);
        _activityTimeout = null;
        _bodyStarted = false;
        _idle = true;
        if (_draining)
        {
            return HeadStatus.Incomplete;
        }

        var started = false;
        try
        {
            while (true)
            {
                var read = await Input.ReadAsync(_timer.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                if (buffer.IsEmpty && read.IsCompleted)
                {
                    return HeadStatus.Incomplete;
                }

                var status = Request.ReadRequest(buffer);
                switch (status)
                {
                    case HeadStatus.Complete:
                        Input.AdvanceTo(buffer.GetPosition(Request.Length));

                        // Not TryReset: it fails for every clock but the system's (the timer is then not a TimerQueueTimer).
                        _timer.CancelAfter(Timeout.InfiniteTimeSpan);
                        return _timer.IsCancellationRequested ? HeadStatus.Incomplete : HeadStatus.Complete;
                    case HeadStatus.HandOver:
                        // Nothing consumed or examined: Kestrel reads the same bytes at once.
                        Input.AdvanceTo(buffer.Start);
                        _timer.CancelAfter(Timeout.InfiniteTimeSpan);
                        return HeadStatus.HandOver;
                    case HeadStatus.Incomplete when read.IsCompleted:
                        Input.AdvanceTo(buffer.End);
                        return HeadStatus.Incomplete;
                    case HeadStatus.Incomplete:
                        Input.AdvanceTo(buffer.Start, buffer.End);
                        if (!started)
                        {
                            started = true;
                            _idle = false;
                            _timer.CancelAfter(Http1Limits.RequestHeadersTimeout);
                        }

                        continue;
                    default:
                        Input.AdvanceTo(buffer.End);
                        await RefuseAsync(status).ConfigureAwait(false);
                        return status;
                }
            }
        }
        finally
        {
            _idle = false;
        }
    }

    // Kestrel's answer to a request it cannot parse: the status, no body, and the connection closes.
    private async ValueTask RefuseAsync(HeadStatus status)
    {
        var line = status switch
        {
            HeadStatus.UriTooLong => "HTTP/1.1 414 URI Too Long\r\n"u8,
            HeadStatus.HeadersTooLarge => "HTTP/1.1 431 Request Header Fields Too Large\r\n"u8,
            _ => "HTTP/1.1 400 Bad Request\r\n"u8,
        };
        Output.Write(line);
        Output.Write("Content-Length: 0\r\nConnection: close\r\n"u8);
        Output.Write(Encoding.ASCII.GetBytes(DateField()));
        Output.Write("\r\n"u8);
        await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
