using Parley.Consensus.Internal.Rpc;

namespace Parley.Consensus.Tests;

public sealed class RpcFrameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_LargePayload_TravelsAsRawBytesBesideTheHeader()
    {
        // A snapshot restore is the payload's worst case: it must not grow by a third as base64 inside JSON.
        var payload = new byte[1024 * 1024];
        Random.Shared.NextBytes(payload);
        using var wire = new MemoryStream();

        await RpcFrame.WriteAsync(wire, new RpcRequest(RpcKind.Restore, "10.0.0.1:8300", payload), Ct);
        wire.Position = 0;
        var read = await RpcFrame.ReadAsync<RpcRequest>(wire, Ct);

        Assert.InRange(wire.Length, payload.Length, payload.Length + 256);
        Assert.NotNull(read);
        Assert.Equal(RpcKind.Restore, read.Kind);
        Assert.Equal("10.0.0.1:8300", read.From);
        Assert.Equal(payload, read.Payload);
    }

    [Fact]
    public async Task Response_SmallResultAndFields_RoundTrip()
    {
        using var wire = new MemoryStream();
        var sent = new RpcResponse(RpcStatus.Ok, Index: 42, Result: [1, 2, 3], Leader: "10.0.0.2:8300", Known: ["a:1", "b:2"]);

        await RpcFrame.WriteAsync(wire, sent, Ct);
        await RpcFrame.WriteAsync(wire, new RpcResponse(RpcStatus.NotLeader, Leader: "10.0.0.3:8300"), Ct);
        wire.Position = 0;
        var first = await RpcFrame.ReadAsync<RpcResponse>(wire, Ct);
        var second = await RpcFrame.ReadAsync<RpcResponse>(wire, Ct);
        var end = await RpcFrame.ReadAsync<RpcResponse>(wire, Ct);

        Assert.NotNull(first);
        Assert.Equal((RpcStatus.Ok, 42L, "10.0.0.2:8300"), (first.Status, first.Index, first.Leader));
        Assert.Equal([1, 2, 3], first.Result);
        Assert.Equal(["a:1", "b:2"], first.Known);
        Assert.NotNull(second);
        Assert.Equal(RpcStatus.NotLeader, second.Status);
        Assert.Null(second.Result);
        Assert.Null(end);
    }

    [Fact]
    public async Task Read_FrameCutShort_IsInvalidData()
    {
        using var whole = new MemoryStream();
        await RpcFrame.WriteAsync(whole, new RpcRequest(RpcKind.Apply, "x", [9, 9, 9]), Ct);
        using var cut = new MemoryStream(whole.ToArray()[..^2]);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await RpcFrame.ReadAsync<RpcRequest>(cut, Ct));
    }
}
