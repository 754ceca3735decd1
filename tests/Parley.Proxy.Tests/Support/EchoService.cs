using Grpc.Core;
using Parley.Proxy.Tests.Support.Grpc;

namespace Parley.Proxy.Tests.Support;

/// <summary>The test gRPC service: echoes the text and names the backend that answered.</summary>
internal sealed class EchoService(EchoService.BackendName name) : Echo.EchoBase
{
    public sealed record BackendName(string Value);

    public override Task<EchoReply> Say(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text, Backend = name.Value });
}
