using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Logging;

namespace Parley.Dns;

/// <summary>
/// Forwards questions outside the domain to <c>recursors</c>, one after the other (Consul's sequential strategy): the
/// first answer that is NOERROR or NXDOMAIN is returned; when every recursor fails, none (the caller answers SERVFAIL).
/// Over TCP the question is asked anew (with ARSoft's client, which falls back to TCP itself); over UDP the client's
/// datagram is relayed as it came and the recursor's reply returned as it is, so records of any type pass through.
/// </summary>
internal sealed class DnsRecursor(DnsOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly DnsClient[] _clients = [.. options.Recursors.Select(r => new DnsClient(
        [r.Address],
        [new UdpClientTransport(r.Port), new TcpClientTransport(r.Port)],
        false,
        (int)options.RecursorTimeout.TotalMilliseconds))];

    /// <summary>The recursors' answer to <paramref name="query"/>, or null when none answered.</summary>
    public Task<DnsMessage?> ForwardAsync(DnsMessage query, CancellationToken cancellationToken) =>
        FirstAsync(query.Questions[0].ToString(), async (i, ct) =>
        {
            var forwarded = new DnsMessage { IsRecursionDesired = query.IsRecursionDesired };
            forwarded.Questions.Add(query.Questions[0]);
            var answer = await _clients[i].SendMessageAsync(forwarded, ct).ConfigureAwait(false);
            if (answer is not { ReturnCode: ReturnCode.NoError or ReturnCode.NxDomain })
            {
                return (null, answer is null ? "no answer" : answer.ReturnCode.ToString());
            }

            answer.TransactionID = query.TransactionID;
            answer.IsRecursionAllowed = true;
            return (answer, "");
        }, cancellationToken);

    /// <summary>
    /// The recursors' reply to the UDP <paramref name="datagram"/> (a query for <paramref name="question"/>), with RA
    /// set, or null when none answered.
    /// </summary>
    public Task<byte[]?> RelayAsync(byte[] datagram, string question, CancellationToken cancellationToken) =>
        FirstAsync(question, (i, ct) => RelayOnceAsync(options.Recursors[i], datagram, ct), cancellationToken);

    private async Task<(byte[]?, string)> RelayOnceAsync(IPEndPoint recursor, byte[] datagram, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RecursorTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var socket = new Socket(recursor.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(recursor, linked.Token).ConfigureAwait(false);
        await socket.SendAsync(datagram, SocketFlags.None, linked.Token).ConfigureAwait(false);
        var buffer = new byte[ushort.MaxValue];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
            if (received < 12 || buffer[0] != datagram[0] || buffer[1] != datagram[1])
            {
                continue; // not the reply to this query
            }

            var code = (ReturnCode)(buffer[3] & 0xF);
            if (code is not (ReturnCode.NoError or ReturnCode.NxDomain))
            {
                return (null, code.ToString());
            }

            buffer[3] |= 0x80; // recursion available
            return (buffer[..received], "");
        }
    }

    private async Task<T?> FirstAsync<T>(
        string question, Func<int, CancellationToken, Task<(T? Answer, string Reason)>> ask, CancellationToken cancellationToken)
        where T : class
    {
        for (var i = 0; i < options.Recursors.Count; i++)
        {
            string reason;
            try
            {
                var (answer, why) = await ask(i, cancellationToken).ConfigureAwait(false);
                if (answer is not null)
                {
                    return answer;
                }

                reason = why;
            }
            catch (Exception e)
                when (e is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reason = e.Message;
            }

            logger.RecursorFailed(options.Recursors[i], question, reason);
        }

        return null;
    }
}
