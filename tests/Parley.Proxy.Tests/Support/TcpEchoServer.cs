using System.Net.Sockets;
using System.Text;

namespace Parley.Proxy.Tests.Support;

/// <summary>A raw TCP application on loopback: greets nothing, answers every read with <c>&lt;name&gt;:</c> and the bytes read.</summary>
internal sealed class TcpEchoServer : LoopbackServer
{
    public TcpEchoServer(string name, int port = 0)
        : base(port)
    {
        Name = name;
        Start();
    }

    public string Name { get; }

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            var prefix = Encoding.UTF8.GetBytes(Name + ":");
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, Stopping);
                    if (read == 0)
                    {
                        return;
                    }

                    await socket.SendAsync(prefix.Concat(buffer[..read]).ToArray(), Stopping);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }
    }
}
