using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Parley.Consensus.Internal.Rpc;
using Parley.Testing;

namespace Parley.Consensus.Tests;

/// <summary>A call to another server gives up when its timeout has passed on the replicator's clock.</summary>
public sealed class RpcClientTests
{
    [Fact]
    public async Task CallAsync_ServerThatNeverAnswers_TimesOutWhenTheInjectedClockPassesTheTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var listener = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        listener.Start();
        try
        {
            var time = new FakeTimeProvider();
            await using var client = new RpcClient(null, time);
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            var call = client.CallAsync(address, new RpcRequest(RpcKind.Hello, "127.0.0.1:1"), TimeSpan.FromSeconds(5), ct);

            // The server takes the preamble and the start of the request (so the call is past connecting) and says
            // nothing; only then does the clock move.
            using var accepted = await listener.AcceptSocketAsync(ct);
            var buffer = new byte[256];
            var received = 0;
            while (received < 2)
            {
                var read = await accepted.ReceiveAsync(buffer.AsMemory(received), ct);
                Assert.True(read > 0, "the client hung up before sending its request");
                received += read;
            }

            time.Advance(TimeSpan.FromSeconds(5));

            var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), ct));
            Assert.Equal(address + " did not answer within 5000 ms", error.Message);
        }
        finally
        {
            listener.Stop();
        }
    }
}
