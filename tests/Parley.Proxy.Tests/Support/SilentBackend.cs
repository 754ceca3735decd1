using System.Net.Sockets;
using System.Text;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// A hung application: reads request heads (and whatever follows) and never answers, holding each connection open
/// until it is disposed; says when the first head has arrived.
/// </summary>
internal sealed class SilentBackend : LoopbackServer
{
    private readonly TaskCompletionSource _headReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentBackend() => Start();

    /// <summary>Completes when a whole request head has arrived.</summary>
    public Task HeadReceived => _headReceived.Task;

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var received = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, Stopping);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                    if (received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        _headReceived.TrySetResult();
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }
    }
}
