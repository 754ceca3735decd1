using System.Net.Sockets;
using System.Text;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// An application that misbehaves on purpose: for every connection it reads one request head, writes the given bytes
/// and closes (a response cut off mid-body, for instance).
/// </summary>
internal sealed class ScriptedBackend : LoopbackServer
{
    private readonly byte[] _answer;

    public ScriptedBackend(string answer)
    {
        _answer = Encoding.Latin1.GetBytes(answer);
        Start();
    }

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            try
            {
                while (!Encoding.Latin1.GetString([.. received]).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await socket.ReceiveAsync(buffer, Stopping);
                    if (read == 0)
                    {
                        return;
                    }

                    received.AddRange(buffer.AsSpan(0, read));
                }

                await socket.SendAsync(_answer, Stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }
    }
}
