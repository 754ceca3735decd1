using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Core.Dns;
using Parley.State.Store;

namespace Parley.Dns;

/// <summary>
/// The agent's DNS interface: UDP and TCP on <see cref="DnsOptions.Endpoint"/> (ARSoft.Tools.Net does the wire format
/// and the server loop). Names under the domain are answered from the current state snapshot without waiting on
/// anything (so no question blocks another); reverse names from the catalog; anything else goes to the recursors, or
/// is refused when there are none (Consul's behaviour).
/// </summary>
public sealed class DnsListener : IHostedService, IDisposable
{
    private readonly DnsOptions _options;
    private readonly StateStore _store;
    private readonly ILogger<DnsListener> _logger;
    private readonly DnsResponder _responder;
    private readonly DnsRecursor _recursor;
    private readonly DnsServer? _server;
    private readonly IDnsAcl _acl;

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
        _responder = new DnsResponder(options, timeProvider, Random.Shared);
        _recursor = new DnsRecursor(options, logger);
        if (options.Endpoint is { } endpoint)
        {
            _server = new DnsServer(new UdpServerTransport(endpoint), new TcpServerTransport(endpoint));
            _server.QueryReceived += OnQueryAsync;
            _server.ExceptionThrown += OnExceptionAsync;
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null && _options.Endpoint is { } endpoint)
        {
            try
            {
                _server.Start();
            }
            catch (SocketException e)
            {
                // Say which port, as Kestrel does for HTTP, and how to run without DNS.
                throw new IOException($"Failed to bind the DNS port {endpoint} (UDP and TCP): {e.Message}. Use -dns-port -1 to run without DNS.", e);
            }

            _logger.Listening(endpoint, _options.Domain);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _server?.Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => _server?.Stop();

    private async Task OnQueryAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query)
        {
            return;
        }

        if (query.Questions.Count != 1)
        {
            var refused = query.CreateResponseInstance();
            refused.ReturnCode = ReturnCode.FormatError;
            e.Response = refused;
            return;
        }

        var question = query.Questions[0];
        try
        {
            e.Response = await AnswerAsync(query, question, e.TransportProtocol == TransportProtocol.Tcp).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.QueryFailed(ex, question.ToString());
            var failed = query.CreateResponseInstance();
            failed.ReturnCode = ReturnCode.ServerFailure;
            e.Response = failed;
        }
    }

    private async Task<DnsMessage> AnswerAsync(DnsMessage query, DnsQuestion question, bool tcp)
    {
        var name = question.Name.ToString();
        if (DnsNames.TrimDomain(name, _options.Domain, _options.AltDomain) is not null)
        {
            return _responder.As(_acl.Authorizer()).Answer(_store.Current, query, tcp);
        }

        var reverse = question.Name.IsEqualOrSubDomainOf(DomainName.Parse("arpa."));
        if (reverse && _responder.As(_acl.Authorizer()).Reverse(_store.Current, query) is { } found)
        {
            return found;
        }

        if (_options.Recursors.Count > 0)
        {
            using var timeout = new CancellationTokenSource(_options.RecursorTimeout * (_options.Recursors.Count + 1));
            return await _recursor.ForwardAsync(query, timeout.Token).ConfigureAwait(false);
        }

        if (reverse)
        {
            return _responder.ReverseNotFound(query);
        }

        var response = query.CreateResponseInstance();
        response.ReturnCode = ReturnCode.Refused;
        return response;
    }

    private Task OnExceptionAsync(object sender, ExceptionEventArgs e)
    {
        _logger.ServerError(e.Exception);
        return Task.CompletedTask;
    }
}
