using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeeringBackoffTests
{
    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(5, 8)]
    [InlineData(6, 16)]
    [InlineData(7, 32)]
    [InlineData(14, 4096)]
    [InlineData(15, 8192)]
    [InlineData(16, 8192)]
    [InlineData(int.MaxValue, 8192)]
    public void Delay_FailedPrecondition_FastThenDoublingToCap(int failures, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), PeeringBackoff.Delay(PeeringFailureKind.FailedPrecondition, failures));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void Delay_ResourceExhausted_AlwaysFastCap(int failures)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(8192), PeeringBackoff.Delay(PeeringFailureKind.ResourceExhausted, failures));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 64)]
    [InlineData(7, 64)]
    [InlineData(int.MaxValue, 64)]
    public void Delay_OtherFailure_PowersOfTwoSecondsCappedAt64(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PeeringBackoff.Delay(PeeringFailureKind.Other, failures));
    }

    [Fact]
    public void Delay_NegativeFailures_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PeeringBackoff.Delay(PeeringFailureKind.Other, -1));
    }
}
