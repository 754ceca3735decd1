using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Parley.Proxy.Forwarding;

namespace Parley.Proxy.Outbound;

/// <content>TCP upstreams: resolver and failover per connection, then bytes over mesh mTLS.</content>
internal sealed partial class UpstreamListener
{
    // Envoy's tcp_proxy tries one host; trying the other healthy ones before giving up costs little and spares a caller a reset.
    private const int MaxConnectAttempts = 3;

    private async Task PipeAsync(ConnectionContext connection, UpstreamRuntime upstream)
    {
        var decision = upstream.Snapshot.Plan.Decide(null, Random.Shared.NextDouble());
        var cluster = decision.Resolver is null ? null : upstream.SelectCluster(decision.Resolver);
        if (cluster is null)
        {
            _logger.NoHealthyUpstream(_id);
            connection.Abort();
            return;
        }

        SslStream? stream = null;
        for (var attempt = 0; attempt < MaxConnectAttempts && stream is null; attempt++)
        {
            var endpoint = cluster.Pick();
            if (endpoint is null)
            {
                break;
            }

            try
            {
                stream = await cluster.ConnectAsync(endpoint, connection.ConnectionClosed).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or TimeoutException or AuthenticationException or IOException)
            {
                _logger.UpstreamConnectFailed(_id, endpoint.ToString(), e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (stream is null)
        {
            connection.Abort();
            return;
        }

        await using (stream.ConfigureAwait(false))
        {
            await DuplexPump.RunAsync(
                connection.Transport, stream, () => new ValueTask(stream.ShutdownAsync()), connection.ConnectionClosed)
                .ConfigureAwait(false);
        }
    }
}
