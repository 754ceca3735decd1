using Parley.Consensus.Internal;
using Parley.Core;
using Parley.State.Commands;
using Parley.State.Peering;

namespace Parley.Consensus.Tests;

public sealed class ResultCodecTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData(42)]
    [InlineData("text")]
    public void Decode_PlainValues_RoundTrip(object? value)
    {
        var decoded = ResultCodec.Decode(ResultCodec.Encode(new CommandResult(7, value)));

        Assert.Equal(new CommandResult(7, value), decoded);
    }

    [Fact]
    public void Decode_Rejection_KeepsCodeAndMessage()
    {
        var decoded = ResultCodec.Decode(ResultCodec.Encode(new CommandResult(9, ParleyException.NotFound("no such thing"))));

        var rejection = Assert.IsType<ParleyException>(decoded.Value);
        Assert.Equal(ErrorCode.NotFound, rejection.Code);
        Assert.Equal("no such thing", rejection.Message);
        Assert.Throws<ParleyException>(() => decoded.ThrowIfRejected());
    }

    [Fact]
    public void Decode_ParleyRecord_ComesBackAsTheSameType()
    {
        var peering = new PeeringRecord
        {
            ID = "b1c7a6a1-0000-0000-0000-000000000001",
            Name = "other",
            State = Parley.Core.Peering.PeeringState.Pending,
        };

        var decoded = ResultCodec.Decode(ResultCodec.Encode(new CommandResult(3, peering)));

        var value = Assert.IsType<PeeringRecord>(decoded.Value);
        Assert.Equal(peering.ID, value.ID);
        Assert.Equal(peering.Name, value.Name);
    }

    [Fact]
    public void Decode_NonParleyType_IsRefused()
    {
        var forged = """{"Index":1,"Type":"System.Diagnostics.Process, System.Diagnostics.Process","Value":{}}"""u8.ToArray();

        Assert.Throws<InvalidDataException>(() => ResultCodec.Decode(forged));
    }
}
