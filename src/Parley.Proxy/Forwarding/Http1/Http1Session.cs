using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// One client connection served by the lean HTTP/1.1 path: reads each request head from Kestrel's transport pipe,
/// refuses malformed or oversized ones as Kestrel would (400, 414, 431, then close), lets the handler answer the rest
/// one after the other (keep-alive and pipelining), and hands the connection to Kestrel's own HTTP/1.1 stack at a
/// request boundary when a request needs what the lean path leaves to it (HTTP/1.0, an upgrade, a non-origin target).
/// </summary>
/// <remarks>
/// One timer per connection, on the injected clock, bounds whatever is awaited: 130 s for the next request, 30 s for a
/// head once it has started, and a handler's request or activity timeout; it also fires when Kestrel closes the
/// connection, or when a request body arrives slower than Kestrel's minimum data rate (then 408). A graceful stop
/// (Kestrel's close request) ends the connection between requests. Every answer the proxy writes itself carries a
/// <c>Date</c> from the same clock, as Kestrel's do.
/// </remarks>
internal sealed partial class Http1Session : IDisposable, IBodyWatcher
{
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromSeconds(1);

    private readonly ConnectionContext _connection;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenRegistration _closed;
    private readonly CancellationTokenRegistration _closing;
    private readonly RequestBodyRate _bodyRate;
    private readonly ResponseActivity _responseActivity;
    private volatile bool _idle;
    private volatile bool _draining;
    private volatile bool _bodyTooSlow;
    private bool _bodyStarted;
    private TimeSpan? _activityTimeout;
    private long _activityArmedAt;

    private Http1Session(ConnectionContext connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _bodyRate = new RequestBodyRate(timeProvider, BodyTooSlow);
        _responseActivity = new ResponseActivity(this);
        _closed = connection.ConnectionClosed.UnsafeRegister(static s => ((Http1Session)s!).Cancel(), this);
        if (connection.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
        {
            _closing = lifetime.ConnectionClosedRequested.UnsafeRegister(static s => ((Http1Session)s!).Drain(), this);
        }
    }

    /// <summary>The client connection (its features carry what the TLS handshake learned).</summary>
    public ConnectionContext Connection => _connection;

    /// <summary>The current request's head.</summary>
    public Http1Head Request { get; } = new();

    /// <summary>The current response's head, as received from upstream.</summary>
    public Http1Head Response { get; } = new();

    /// <summary>The head sent upstream, built from <see cref="Request"/> by the handler.</summary>
    public HeadWriter RequestHead { get; } = new();

    /// <summary>How the current request's body is framed.</summary>
    public BodyKind RequestBody => Request.Chunked ? BodyKind.Chunked : Request.ContentLength > 0 ? BodyKind.ContentLength : BodyKind.None;

    /// <summary>True once the connection is closing or a graceful stop was asked for.</summary>
    public bool Draining => _draining;

    /// <summary>Fires when the handler's timeout passes or the connection closes.</summary>
    public CancellationToken Aborted => _timer.Token;

    private PipeReader Input => _connection.Transport.Input;

    private PipeWriter Output => _connection.Transport.Output;

    private HeadWriter ResponseHead { get; } = new();

    /// <summary>
    /// Serves <paramref name="connection"/> until it closes; true when it must go on through Kestrel's HTTP stack
    /// (the unread request is left in the pipe).
    /// </summary>
    public static async Task<bool> ServeAsync(ConnectionContext connection, IHttp1Handler handler, TimeProvider timeProvider)
    {
        using var session = new Http1Session(connection, timeProvider);
        try
        {
            while (true)
            {
                var head = await session.ReadHeadAsync().ConfigureAwait(false);
                if (head == HeadStatus.HandOver)
                {
                    return true;
                }

                if (head != HeadStatus.Complete || !await handler.HandleAsync(session).ConfigureAwait(false) || session._draining)
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException || Http1Body.IsConnectionError(e))
        {
            return false;
        }
    }

    /// <summary>The request timeout: from now, <see cref="Aborted"/> fires after <paramref name="timeout"/>.</summary>
    public void StartTimeout(TimeSpan timeout) => _timer.CancelAfter(timeout);

    /// <summary>
    /// The activity timeout: <see cref="Aborted"/> fires when <paramref name="timeout"/> passes without progress (the
    /// answer's head arriving, a body's bytes going through either way), as YARP's <c>ActivityTimeout</c>.
    /// </summary>
    public void StartActivityTimeout(TimeSpan timeout)
    {
        _activityTimeout = timeout;
        _activityArmedAt = _timeProvider.GetTimestamp();
        _timer.CancelAfter(timeout);
    }

    /// <summary>
    /// Answers without forwarding (Envoy's texts: 403, 404, 503, 504; 408 instead when the request body came too slowly).
    /// A request body not read yet is then skipped when it is small and its sender is not waiting for <c>100 Continue</c>,
    /// as Kestrel does, so the connection goes on; otherwise (or when part of it was already sent on) the connection
    /// closes, as it would be out of step. Returns whether the connection may go on.
    /// </summary>
    public async ValueTask<bool> AnswerAsync(int status, string? body)
    {
        if (_bodyTooSlow)
        {
            // Kestrel's answer to a body below the minimum data rate, whatever the handler made of the failed read.
            (status, body) = (408, null);
        }

        var skip = RequestBody != BodyKind.None && MaySkipBody();
        var close = (RequestBody != BodyKind.None && !skip) || Request.ConnectionClose || _draining;
        var text = body is null ? "" : body;
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\n{(body is null ? "" : "Content-Type: text/plain\r\n")}" +
            $"Content-Length: {Encoding.UTF8.GetByteCount(text)}\r\n{(close ? "Connection: close\r\n" : "")}{DateField()}\r\n{text}";
        Output.Write(Encoding.UTF8.GetBytes(head));
        var flushed = await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (close || flushed.IsCompleted)
        {
            return false;
        }

        if (!skip)
        {
            return true;
        }

        _bodyRate.Begin();
        _bodyStarted = true;
        return await Http1Body.SkipAsync(Input, RequestBody, Request.ContentLength, Http1Limits.MaxSkippedBody, this, _timer.Token)
            .ConfigureAwait(false) &&
            !_draining;
    }

    /// <inheritdoc/>
    void IBodyWatcher.Reading() => _bodyRate.Reading();

    /// <inheritdoc/>
    void IBodyWatcher.Received(long bytes) => _bodyRate.Received(bytes);

    /// <inheritdoc/>
    void IBodyWatcher.Flushed() => Touch();

    /// <inheritdoc/>
    public void Dispose()
    {
        _closed.Dispose();
        _closing.Dispose();
        _timer.Dispose();
        _bodyRate.Dispose();
        Request.Dispose();
        Response.Dispose();
    }

    private static string Reason(int status) => status switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    };

    // Kestrel's Date field, on the injected clock.
    private string DateField() => "Date: " + _timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture) + "\r\n";

    // Small, not started on, and its sender not waiting to be told to send it.
    private bool MaySkipBody() =>
        !_bodyStarted && !_bodyTooSlow && (RequestBody == BodyKind.Chunked || Request.ContentLength <= Http1Limits.MaxSkippedBody) &&
        Request.Get("Expect") is null;

    // Progress on an exchange under an activity timeout: the timeout starts again. At most once a second: an hour's
    // timeout does not need more precision, and a small answer (head, then one body write) then costs no timer change.
    private void Touch()
    {
        if (_activityTimeout is { } timeout && _timeProvider.GetElapsedTime(_activityArmedAt) >= ActivityResolution)
        {
            _activityArmedAt = _timeProvider.GetTimestamp();
            _timer.CancelAfter(timeout);
        }
    }

    private void BodyTooSlow()
    {
        _bodyTooSlow = true;
        Cancel();
    }

    private void Cancel()
    {
        _draining = true;
        try
        {
            _timer.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended first.
        }
    }

    private void Drain()
    {
        _draining = true;
        if (_idle)
        {
            Cancel();
        }
    }
}
