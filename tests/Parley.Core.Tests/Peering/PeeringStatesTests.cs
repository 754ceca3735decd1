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

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PeeringState.Establishing, true, PeeringState.Active)]
    [InlineData(PeeringState.Active, false, PeeringState.Failing)]
    [InlineData(PeeringState.Failing, null, PeeringState.Failing)]
    [InlineData(PeeringState.Pending, null, PeeringState.Pending)]
    public void Reported_ActivePeering_FollowsTheLeadersViewOfTheStream(PeeringState stored, bool? connected, PeeringState expected)
    {
        Assert.Equal(expected, PeeringStates.Reported(stored, isActive: true, connected, tokenExpiresAt: null, Now));
    }

    [Theory]
    [InlineData(PeeringState.Deleting)]
    [InlineData(PeeringState.Terminated)]
    public void Reported_InactivePeering_IsWhatIsStoredWhateverTheStream(PeeringState stored)
    {
        Assert.Equal(stored, PeeringStates.Reported(stored, isActive: false, streamConnected: true, Now.AddHours(-1), Now));
    }

    [Fact]
    public void Reported_PendingPeering_IsExpiredOnlyOnceItsTokenIsPastItsExpiry()
    {
        Assert.Equal(PeeringState.Expired, PeeringStates.Reported(PeeringState.Pending, true, null, Now.AddSeconds(-1), Now));
        Assert.Equal(PeeringState.Pending, PeeringStates.Reported(PeeringState.Pending, true, null, Now.AddMinutes(5), Now));
        Assert.Equal(PeeringState.Pending, PeeringStates.Reported(PeeringState.Pending, true, null, Now.AddSeconds(-1), now: null));

        // A connected stream wins over an old token: the peering is in use.
        Assert.Equal(PeeringState.Active, PeeringStates.Reported(PeeringState.Pending, true, true, Now.AddSeconds(-1), Now));
    }
}
