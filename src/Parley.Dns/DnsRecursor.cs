using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Logging;

namespace Parley.Dns;

/// <summary>
/// Forwards questions outside the domain to <c>recursors</c>, one after the other (Consul's sequential strategy): the
/// first answer that is NOERROR or NXDOMAIN is returned; when every recursor fails, SERVFAIL.
/// </summary>
internal sealed class DnsRecursor(DnsOptions options, ILogger logger)
{
    private readonly DnsClient[] _clients = [.. options.Recursors.Select(r => new DnsClient(
        [r.Address],
        [new UdpClientTransport(r.Port), new TcpClientTransport(r.Port)],
        false,
        (int)options.RecursorTimeout.TotalMilliseconds))];

    /// <summary>The recursors' answer to <paramref name="query"/>, or SERVFAIL.</summary>
    public async Task<DnsMessage> ForwardAsync(DnsMessage query, CancellationToken cancellationToken)
    {
        var question = query.Questions[0];
        for (var i = 0; i < _clients.Length; i++)
        {
            string reason;
            try
            {
                var forwarded = new DnsMessage { IsRecursionDesired = query.IsRecursionDesired };
                forwarded.Questions.Add(question);
                var answer = await _clients[i].SendMessageAsync(forwarded, cancellationToken).ConfigureAwait(false);
                if (answer is { ReturnCode: ReturnCode.NoError or ReturnCode.NxDomain })
                {
                    answer.TransactionID = query.TransactionID;
                    answer.IsRecursionAllowed = true;
                    return answer;
                }

                reason = answer is null ? "no answer" : answer.ReturnCode.ToString();
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reason = e.Message;
            }

            logger.RecursorFailed(options.Recursors[i], question.ToString(), reason);
        }

        var failed = query.CreateResponseInstance();
        failed.IsRecursionAllowed = true;
        failed.ReturnCode = ReturnCode.ServerFailure;
        return failed;
    }
}
