using Parley.Core.DiscoveryChain.Execution;

namespace Parley.Core.Tests.DiscoveryChain.Execution;

public sealed class SplitSelectorTests
{
    [Fact]
    public void Choose_CoversEachLegInProportion()
    {
        var selector = new SplitSelector([33.33f, 33.33f, 33.34f]);
        var counts = new int[3];
        for (var i = 0; i < 10_000; i++)
        {
            counts[selector.Choose(i / 10_000.0)]++;
        }

        Assert.Equal(10_000, selector.Total);
        Assert.Equal([3333, 3333, 3334], counts);
    }

    [Fact]
    public void Choose_ZeroWeightLeg_IsNeverPicked()
    {
        var selector = new SplitSelector([0f, 100f]);

        Assert.Equal(1, selector.Choose(0));
        Assert.Equal(1, selector.Choose(0.9999));
    }

    [Fact]
    public void Shares_RoundToOneHundredth()
    {
        Assert.Equal(1235, SplitSelector.Shares(12.345f));
        Assert.Equal(1, SplitSelector.Shares(0.01f));
        Assert.Equal(-1, new SplitSelector([0f]).Choose(0.5));
    }
}
