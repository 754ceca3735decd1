using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeeringStatesTests
{
    [Theory]
    [InlineData(PeeringState.Undefined, "UNDEFINED", 0)]
    [InlineData(PeeringState.Pending, "PENDING", 1)]
    [InlineData(PeeringState.Establishing, "ESTABLISHING", 2)]
    [InlineData(PeeringState.Active, "ACTIVE", 3)]
    [InlineData(PeeringState.Failing, "FAILING", 4)]
    [InlineData(PeeringState.Deleting, "DELETING", 5)]
    [InlineData(PeeringState.Terminated, "TERMINATED", 6)]
    public void ToWireString_EveryState_RoundTripsWithConsulNumber(PeeringState state, string word, int number)
    {
        Assert.Equal(word, state.ToWireString());
        Assert.True(PeeringStates.TryParse(word, out var parsed));
        Assert.Equal(state, parsed);
        Assert.Equal(number, (int)state);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("BOGUS")]
    public void Parse_UnknownWord_IsUndefined(string? word)
    {
        Assert.False(PeeringStates.TryParse(word, out _));
        Assert.Equal(PeeringState.Undefined, PeeringStates.Parse(word));
    }

    [Fact]
    public void ToWireString_OutOfRange_IsUndefined()
    {
        Assert.Equal("UNDEFINED", ((PeeringState)42).ToWireString());
    }
}
