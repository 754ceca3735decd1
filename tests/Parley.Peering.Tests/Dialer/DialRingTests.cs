using Parley.Peering.Dialer;

namespace Parley.Peering.Tests.Dialer;

public sealed class DialRingTests
{
    private static readonly string[] Ring = ["10.0.0.1:8503", "10.0.0.2:8503", "10.0.0.3:8503"];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 0)]
    [InlineData(5, 0)]
    [InlineData(-1, 0)]
    public void Next_NoHint_WalksTheRing(int last, int expected)
    {
        Assert.Equal(expected, DialRing.Next(Ring, last, leaderHint: null));
    }

    [Fact]
    public void Next_HintIsADialableAddress_GoesStraightToIt()
    {
        // Landed on server 1, a follower, which names server 0 as the leader: skip server 2.
        Assert.Equal(0, DialRing.Next(Ring, 1, "10.0.0.1:8503"));
    }

    [Fact]
    public void Next_HintDiffersOnlyInCase_GoesStraightToIt()
    {
        string[] ring = ["a.example:8503", "b.example:8503", "c.example:8503"];

        Assert.Equal(0, DialRing.Next(ring, 1, "A.EXAMPLE:8503"));
    }

    [Theory]
    [InlineData("10.0.0.1:8300")] // the leader's server-port address, as Consul sends it
    [InlineData("192.168.7.7:8503")] // behind ServerExternalAddresses the ring holds other addresses
    [InlineData("")]
    public void Next_HintNotInTheRing_WalksOn(string hint)
    {
        Assert.Equal(2, DialRing.Next(Ring, 1, hint));
    }

    [Fact]
    public void Next_HintIsTheAddressJustDialed_WalksOn()
    {
        // A follower with a stale view may name the server that just refused; dialing it again would loop.
        Assert.Equal(2, DialRing.Next(Ring, 1, "10.0.0.2:8503"));
    }

    [Theory]
    [InlineData(3, null, 0)]
    [InlineData(2, null, 1)]
    [InlineData(4, "10.0.0.2:8503", 1)]
    public void Next_PositionBeyondAShrunkRing_StaysInRange(int last, string? hint, int expected)
    {
        // The acceptor pushed a shorter address list since the last attempt.
        string[] ring = ["10.0.0.1:8503", "10.0.0.2:8503"];

        Assert.Equal(expected, DialRing.Next(ring, last, hint));
    }

    [Fact]
    public void Next_EmptyRing_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DialRing.Next([], 0, null));
    }
}
