using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Core.Acl;
using Parley.Core.Dns;
using Parley.Dns.Wire;
using Parley.State.Store;

namespace Parley.Dns;

/// <summary>
/// The agent's DNS interface on <see cref="DnsOptions.Endpoint"/>: UDP through Parley's own receive loops and wire
/// writer (<see cref="DnsUdpServer"/>), TCP through ARSoft.Tools.Net's server. Names under the domain are answered from
/// the current state snapshot without waiting on anything (so no question blocks another); reverse names from the
/// catalog; anything else goes to the recursors, or is refused when there are none (Consul's behaviour).
/// </summary>
public sealed partial class DnsListener : IHostedService, IDisposable
{
    private readonly DnsOptions _options;
    private readonly StateStore _store;
    private readonly ILogger<DnsListener> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly DnsResponder _responder;
    private readonly DnsRecursor _recursor;
    private readonly DnsServer? _tcp;
    private readonly DnsUdpServer? _udp;
    private readonly IDnsAcl _acl;
    private readonly DnsAnswerCache _cache = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// A listener for <paramref name="options"/> answering as <paramref name="acl"/>'s token; nothing is bound until
    /// <see cref="StartAsync"/>.
    /// </summary>
    public DnsListener(DnsOptions options, StateStore store, IDnsAcl acl, TimeProvider timeProvider, ILogger<DnsListener> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _acl = acl;
        _store = store;
        _logger = logger;
        _timeProvider = timeProvider;
        _responder = new DnsResponder(options, timeProvider, Random.Shared) { TokenAuthorizer = acl.Authorizer };
        _recursor = new DnsRecursor(options, timeProvider, logger);
        if (options.Endpoint is { } endpoint)
        {
            _udp = new DnsUdpServer(endpoint, OnDatagram, logger);
            _tcp = new DnsServer(new TcpServerTransport(endpoint));
            _tcp.QueryReceived += OnTcpQueryAsync;
            _tcp.ExceptionThrown += OnExceptionAsync;
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_udp is not null && _tcp is not null)
        {
            try
            {
                _udp.Start();
                _tcp.Start();
            }
            catch (SocketException e)
            {
                // Say which port, as Kestrel does for HTTP, and how to run without DNS.
                throw new IOException(
                    $"Failed to bind the DNS port {_udp.Endpoint} (UDP and TCP): {e.Message}. Use -dns-port -1 to run without DNS.",
                    e);
            }

            _logger.Listening(_udp.Endpoint, _options.Domain);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            _tcp?.Stop();
            _udp?.Dispose();
        }
    }

    private async Task OnTcpQueryAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query)
        {
            return;
        }

        try
        {
            var acl = _acl.Authorizer();
            if (AnswerLocally(query, tcp: true, _store.Current, acl) is { } local)
            {
                e.Response = local;
                return;
            }

            using var timeout = new CancellationTokenSource(_options.RecursorTimeout * (_options.Recursors.Count + 1), _timeProvider);
            e.Response = await _recursor.ForwardAsync(query, timeout.Token).ConfigureAwait(false)
                ?? Failure(query, ReturnCode.ServerFailure);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.QueryFailed(ex, query.Questions.FirstOrDefault()?.ToString() ?? "");
            e.Response = Failure(query, ReturnCode.ServerFailure);
        }
    }

    /// <summary>
    /// The reply to <paramref name="query"/> from this agent, or null when it is for the recursors. A query without
    /// exactly one question is a format error.
    /// </summary>
    private DnsMessage? AnswerLocally(DnsMessage query, bool tcp, StateSnapshot snapshot, AclAuthorizer? acl)
    {
        if (query.Questions.Count != 1)
        {
            return Failure(query, ReturnCode.FormatError);
        }

        var question = query.Questions[0];
        if (InDomain(question))
        {
            return _responder.As(acl).Answer(snapshot, query, tcp);
        }

        var reverse = question.Name.IsEqualOrSubDomainOf(DomainName.Parse("arpa."));
        if (reverse && _responder.As(acl).Reverse(snapshot, query) is { } found)
        {
            return found;
        }

        return _options.Recursors.Count > 0 ? null
            : reverse ? _responder.ReverseNotFound(query)
            : Failure(query, ReturnCode.Refused);
    }

    private bool InDomain(DnsQuestion question)
        => DnsNames.TrimDomain(question.Name.ToString(), _options.Domain, _options.AltDomain) is not null;

    private DnsMessage Failure(DnsMessage query, ReturnCode code)
    {
        var response = query.CreateResponseInstance();
        response.ReturnCode = code;
        response.IsRecursionAllowed = code == ReturnCode.ServerFailure && _options.Recursors.Count > 0;
        return response;
    }

    private Task OnExceptionAsync(object sender, ExceptionEventArgs e)
    {
        _logger.ServerError(e.Exception);
        return Task.CompletedTask;
    }
}
