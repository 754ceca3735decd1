using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <content>Pass-through: the caller's bytes, ClientHello first, piped unread to one healthy endpoint of the route.</content>
internal sealed partial class GatewayListener
{
    // Envoy's tcp_proxy tries one host; trying other healthy ones first spares the caller a reset when one is down.
    private const int MaxConnectAttempts = 3;

    private async Task PassthroughAsync(ConnectionContext connection, PassthroughRoute route, string sni)
    {
        Socket? socket = null;
        for (var attempt = 0; attempt < MaxConnectAttempts && socket is null; attempt++)
        {
            var endpoint = route.Picker.Pick();
            if (endpoint is null)
            {
                break;
            }

            try
            {
                socket = await MeshDialer.ConnectAsync(
                    Endpoints.Parse(endpoint.Address, endpoint.Port), route.ConnectTimeout, _services.TimeProvider,
                        connection.ConnectionClosed)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                _logger.GatewayDialFailed(sni, endpoint.ToString(), e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (socket is null)
        {
            _logger.GatewayNoHealthyEndpoint(sni);
            connection.Abort();
            return;
        }

        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await DuplexPump.RunAsync(connection.Transport, stream, () =>
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                    // The far end is gone already; the copy the other way ends by itself.
                }

                return ValueTask.CompletedTask;
            }, connection.ConnectionClosed).ConfigureAwait(false);
        }
    }
}
